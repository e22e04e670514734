using System.ComponentModel.DataAnnotations;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>The technical alarm <c>bed_silent</c>: a bed that sent no valid window for <see cref="After"/>.</summary>
public sealed class BedSilentAlertOptions
{
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Alerts:BedSilent:After must be between 00:00:01 and 01:00:00.")]
    public TimeSpan After { get; set; } = TimeSpan.FromSeconds(10);
}
