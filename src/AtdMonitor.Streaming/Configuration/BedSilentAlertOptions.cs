using System.ComponentModel.DataAnnotations;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>The technical alarm <c>bed_silent</c>: a bed that sent no valid window for <see cref="After"/>.</summary>
public sealed class BedSilentAlertOptions
{
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Alerts:BedSilent:After must be between 00:00:01 and 01:00:00.")]
    public TimeSpan After { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Most <c>bed_silent</c> alarms of beds no longer monitored (evicted while silent) kept on the board until someone
    /// acknowledges them; beyond it the oldest is removed, with an event and a warning, so bed ids that come and go
    /// (ward churn, or one device publishing under many ids) cannot grow the board without bound.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Alerts:BedSilent:MaxUnmonitored must be between 1 and 1000000.")]
    public int MaxUnmonitored { get; set; } = 1_000;
}
