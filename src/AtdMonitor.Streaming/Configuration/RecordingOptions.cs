using System.ComponentModel.DataAnnotations;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>Raw paired windows and truth annotations written to Parquet segments for retraining. Section <c>Recording</c>.</summary>
public sealed class RecordingOptions
{
    public const string SectionName = "Recording";

    public bool Enabled { get; set; }

    [Required(AllowEmptyStrings = false, ErrorMessage = "Recording:Directory must name a folder.")]
    public string Directory { get; set; } = "recordings";

    /// <summary>A segment is closed and a new one started past this size.</summary>
    [Range(1024L, long.MaxValue, ErrorMessage = "Recording:MaxSegmentBytes must be at least 1024.")]
    public long MaxSegmentBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>A segment is closed and a new one started past this age.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Recording:SegmentDuration must be between 00:00:01 and 7.00:00:00.")]
    public TimeSpan SegmentDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Windows buffered before they are written as one Parquet row group.</summary>
    [Range(1, 100_000, ErrorMessage = "Recording:RowGroupWindows must be between 1 and 100000.")]
    public int RowGroupWindows { get; set; } = 600;
}
