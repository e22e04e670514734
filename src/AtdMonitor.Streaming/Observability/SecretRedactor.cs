using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace AtdMonitor.Streaming.Observability;

/// <summary>
/// Replaces secrets in text with <c>***</c>: the password of a URL (<c>http://user:password@host</c>), the value of a
/// secret-looking field in a connection string or query (<c>Password=</c>, <c>token=</c>, <c>secret=</c>, <c>apikey=</c>),
/// a bearer or token authorization, and every configured value whose key names a secret (<c>Influx:Token</c>,
/// <c>Mqtt:Password</c>), wherever it appears.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "***";

    private readonly string[] _literals;

    public SecretRedactor(IEnumerable<string> literals)
    {
        ArgumentNullException.ThrowIfNull(literals);

        // Longest first, so a secret that contains another is masked whole.
        _literals = [.. literals.Where(s => s.Length >= 4).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    }

    /// <summary>A redactor for the secrets configured in <paramref name="configuration"/> (keys ending in Password, Token, Secret or ApiKey).</summary>
    public static SecretRedactor FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var literals = configuration.AsEnumerable()
            .Where(pair => !string.IsNullOrEmpty(pair.Value) && SecretKey().IsMatch(pair.Key))
            .Select(pair => pair.Value!);
        return new SecretRedactor(literals);
    }

    /// <summary><paramref name="text"/> with every secret masked; the same instance when there was none.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var redacted = UrlPassword().Replace(text, "${prefix}" + Mask + "@");
        redacted = SecretField().Replace(redacted, "${key}${separator}" + Mask);
        redacted = Authorization().Replace(redacted, "${scheme} " + Mask);
        foreach (var literal in _literals)
        {
            redacted = redacted.Replace(literal, Mask, StringComparison.Ordinal);
        }

        return string.Equals(redacted, text, StringComparison.Ordinal) ? text : redacted;
    }

    [GeneratedRegex(@"(?<prefix>\b[a-zA-Z][a-zA-Z0-9+.-]*://[^:/?#@\s]*:)[^@/?#\s]*@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(?<key>\b(?:password|passwd|pwd|token|access_token|secret|client_secret|api_?key|accountkey|sharedaccesskey)\b)(?<separator>\s*[=:]\s*)(?!\*\*\*)[^;&\s,""']+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretField();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Token|Basic))\s+(?!\*\*\*)[A-Za-z0-9._~+/=-]{8,}")]
    private static partial Regex Authorization();

    [GeneratedRegex(@"(?:password|token|secret|apikey)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKey();
}
