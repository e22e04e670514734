using System.ComponentModel.DataAnnotations;
using System.Net;

namespace AtdMonitor.Station.Configuration;

/// <summary>
/// The central station: a web view of the ward served by the worker (docs/STATION.md). Section <c>Station</c>. Off by
/// default in <c>atd run</c>; <c>atd demo</c> turns it on with a token of its own.
/// </summary>
public sealed class StationOptions : IValidatableObject
{
    public const string SectionName = "Station";

    /// <summary>The shortest token accepted: 128 bits in hex.</summary>
    public const int MinimumTokenLength = 32;

    public bool Enabled { get; set; }

    /// <summary>Where Kestrel listens, separated by <c>;</c>: <c>http://127.0.0.1:8080</c>, <c>https://0.0.0.0:8443</c>; port 0 takes a free port.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Station:Urls must name at least one http:// or https:// address.")]
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>
    /// The shared secret a browser or client presents (<c>?token=</c> once, then a cookie; or <c>Authorization: Bearer</c>).
    /// Set it through <c>ATD__Station__Token</c>; it is never logged. Required to acknowledge alarms and to listen
    /// beyond loopback.
    /// </summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>PEM certificate for the https:// addresses.</summary>
    public string CertificateFile { get; set; } = string.Empty;

    /// <summary>PEM private key of <see cref="CertificateFile"/> (mode 0600, owned by the worker's user).</summary>
    public string KeyFile { get; set; } = string.Empty;

    /// <summary>Live streams open at once; one more is answered 503.</summary>
    [Range(1, 1000, ErrorMessage = "Station:MaxClients must be between 1 and 1000.")]
    public int MaxClients { get; set; } = 50;

    /// <summary>Beds one stream may follow (a page of tiles).</summary>
    [Range(1, 500, ErrorMessage = "Station:MaxBedsPerStream must be between 1 and 500.")]
    public int MaxBedsPerStream { get; set; } = 100;

    /// <summary>How often a stream sends what changed; at most 1 s, so the page's watchdog (3 s without an event: not live)
    /// never takes a healthy connection for a lost one.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:01", ErrorMessage = "Station:FrameInterval must be between 00:00:00.050 and 00:00:01.")]
    public TimeSpan FrameInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A stream whose browser does not take a frame within this time is closed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Station:StallTimeout must be between 00:00:01 and 00:05:00.")]
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Windows and beats waiting between the pipeline and the ward state; beyond it the oldest are dropped and counted.</summary>
    [Range(1024, 1_000_000, ErrorMessage = "Station:FeedQueueCapacity must be between 1024 and 1000000.")]
    public int FeedQueueCapacity { get; set; } = 65_536;

    /// <summary>The addresses of <see cref="Urls"/>.</summary>
    public IReadOnlyList<string> UrlList => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool UsesTls => UrlList.Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    /// <summary>True for <c>localhost</c> and any loopback address, bracketed IPv6 included.</summary>
    internal static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        var loopbackOnly = true;
        foreach (var url in UrlList)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/" || uri.Query.Length > 0)
            {
                yield return new ValidationResult($"Station:Urls: '{url}' must be http://HOST:PORT or https://HOST:PORT.", [nameof(Urls)]);
                continue;
            }

            loopbackOnly &= uri.IsLoopback || IsLoopbackHost(uri.Host);
        }

        if (Token.Length > 0 && Token.Length < MinimumTokenLength)
        {
            yield return new ValidationResult($"Station:Token must be at least {MinimumTokenLength} characters (e.g. openssl rand -hex 16).", [nameof(Token)]);
        }

        if (!loopbackOnly && Token.Length == 0)
        {
            yield return new ValidationResult("Station:Token must be set when Station:Urls listens beyond loopback.", [nameof(Token)]);
        }

        if (UsesTls && (!File.Exists(CertificateFile) || !File.Exists(KeyFile)))
        {
            yield return new ValidationResult("Station:CertificateFile and Station:KeyFile must name existing PEM files when Station:Urls has an https:// address.", [nameof(CertificateFile)]);
        }
    }
}
