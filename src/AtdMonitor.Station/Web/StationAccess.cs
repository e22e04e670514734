using System.Security.Cryptography;
using System.Text;
using AtdMonitor.Station.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace AtdMonitor.Station.Web;

/// <summary>
/// Who may see the station and who may act on it. With <c>Station:Token</c> set, every request must present it: as
/// <c>Authorization: Bearer</c>, or as the HttpOnly, SameSite=Strict cookie a browser gets by opening a page once with
/// <c>?token=</c> (the page is then reloaded without it, so it does not stay in the address bar or the history).
/// A request that changes something must also carry <see cref="CommandHeader"/>, which a page of another site cannot
/// send without a CORS preflight this server never grants. Without a token the station is read-only, on loopback only,
/// and answers only requests addressed to a loopback name or one of its own addresses: a page of another site whose
/// name an attacker re-resolves to 127.0.0.1 (DNS rebinding) would otherwise read the ward as its own origin.
/// </summary>
internal sealed class StationAccess
{
    public const string CookieName = "atd-station";
    public const string CommandHeader = "X-Atd-Station";

    private readonly byte[]? _tokenHash;
    private readonly bool _secureCookie;
    private readonly HashSet<string> _ownHosts;

    public StationAccess(StationOptions options)
    {
        _tokenHash = options.Token.Length == 0 ? null : Hash(options.Token);
        _secureCookie = options.UsesTls;
        _ownHosts = new HashSet<string>(options.UrlList.Select(url => new Uri(url).Host), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Whether commands (acknowledge) can be authorised at all.</summary>
    public bool CommandsEnabled => _tokenHash is not null;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (_tokenHash is null && !IsOwnHost(context.Request.Host.Host))
        {
            await RefuseAsync(context, StatusCodes.Status421MisdirectedRequest,
                "the read-only central station answers only requests addressed to its own loopback address\n").ConfigureAwait(false);
            return;
        }

        if (_tokenHash is not null)
        {
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method) && request.Query.TryGetValue("token", out var offered))
            {
                if (!Matches(offered.ToString()))
                {
                    await RefuseAsync(context, StatusCodes.Status401Unauthorized, "wrong token\n").ConfigureAwait(false);
                    return;
                }

                context.Response.Cookies.Append(CookieName, offered.ToString(), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = _secureCookie, Path = "/" });
                var rest = new QueryBuilder(request.Query.Where(q => q.Key != "token").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty))));
                context.Response.Redirect(request.PathBase + request.Path + rest.ToQueryString());
                return;
            }

            if (!Matches(PresentedToken(request)))
            {
                await RefuseAsync(context, StatusCodes.Status401Unauthorized, "the central station needs its token: open the URL the worker printed (with ?token=) or send Authorization: Bearer TOKEN\n").ConfigureAwait(false);
                return;
            }
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            if (_tokenHash is null)
            {
                await RefuseAsync(context, StatusCodes.Status403Forbidden, "the central station is read-only: set Station:Token to acknowledge alarms\n").ConfigureAwait(false);
                return;
            }

            if (!context.Request.Headers.ContainsKey(CommandHeader))
            {
                await RefuseAsync(context, StatusCodes.Status403Forbidden, $"a command needs the {CommandHeader} header\n").ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    }

    private bool IsOwnHost(string host) => _ownHosts.Contains(host) || StationOptions.IsLoopbackHost(host);

    private static string? PresentedToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        return request.Cookies.TryGetValue(CookieName, out var cookie) ? cookie : null;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static async Task RefuseAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text).ConfigureAwait(false);
    }

    // Hashes first, so the comparison takes the same time whatever the length of the guess.
    private bool Matches(string? token) => token is not null && CryptographicOperations.FixedTimeEquals(Hash(token), _tokenHash);
}
