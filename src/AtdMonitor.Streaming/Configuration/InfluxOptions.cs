using System.ComponentModel.DataAnnotations;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>The InfluxDB v2 store. Section <c>Influx</c>. An empty <see cref="Url"/> writes line protocol to a local file instead.</summary>
public sealed class InfluxOptions
{
    public const string SectionName = "Influx";

    /// <summary>Base URL of the InfluxDB v2 write API (e.g. http://localhost:8086); empty writes to <see cref="LineProtocolFile"/>.</summary>
    [RegularExpression("^(https?://.+)?$", ErrorMessage = "Influx:Url must be empty (local file) or an http:// or https:// URL.")]
    public string Url { get; set; } = string.Empty;

    /// <summary>API token; read from configuration or ATD__Influx__Token, never logged.</summary>
    public string Token { get; set; } = string.Empty;

    public string Organization { get; set; } = "atd";

    public string Bucket { get; set; } = "atd";

    /// <summary>Where line protocol goes when no URL is set (importable with <c>influx write</c>).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Influx:LineProtocolFile must name a file when Influx:Url is empty.")]
    public string LineProtocolFile { get; set; } = "atd-output.lp";

    /// <summary>How often buffered lines are appended to <see cref="LineProtocolFile"/> (alerts are written at once); a crash loses at most this much.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ErrorMessage = "Influx:LineProtocolFlushInterval must be between 00:00:00.010 and 00:10:00.")]
    public TimeSpan LineProtocolFlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}
