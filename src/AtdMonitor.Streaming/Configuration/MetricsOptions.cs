using System.ComponentModel.DataAnnotations;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>The HTTP endpoint for operators: <c>/metrics</c> (Prometheus text), <c>/healthz</c>, <c>/readyz</c>. Section <c>Metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>TCP port of the endpoint; 0 turns it off (tests, or a host that only wants the <c>pipeline</c> measurement).</summary>
    [Range(0, 65535, ErrorMessage = "Metrics:Port must be between 0 (off) and 65535.")]
    public int Port { get; set; } = 9464;

    /// <summary>Address to listen on: <c>*</c> for every interface (containers), or a host name or address such as <c>127.0.0.1</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Metrics:Host must be '*' (every interface) or a host name or address.")]
    [RegularExpression(@"^(\*|[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])$", ErrorMessage = "Metrics:Host must be '*' (every interface), a host name, an IPv4 address or a bracketed IPv6 address.")]
    public string Host { get; set; } = "*";

    public bool Enabled => Port != 0;
}
