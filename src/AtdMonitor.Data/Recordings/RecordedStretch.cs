namespace AtdMonitor.Data.Recordings;

/// <summary>
/// One continuous stretch of one session of a bed's recording (no missing sequence numbers), ready for training.
/// </summary>
/// <param name="Bed">Bed id.</param>
/// <param name="Session">The bed's session (0, 1, ... in recording order): one continuous numbering of the bed's windows.</param>
/// <param name="SampleRate">Samples per second per lead.</param>
/// <param name="StartTime">Time of the first sample.</param>
/// <param name="FirstSample">Absolute sample index of <c>Leads[l][0]</c> in the bed's stream (truth samples use the same numbering).</param>
/// <param name="Leads">Continuous samples per lead, millivolts: <c>[lead][sample]</c>.</param>
/// <param name="ImageRows">Rows of the spectrogram (frequency bins).</param>
/// <param name="ImageColumnsPerWindow">Spectrogram columns each window carries.</param>
/// <param name="Image">The stitched spectrogram, row-major <c>[ImageRows × (windows × ImageColumnsPerWindow)]</c>; zeros where a window's image was missing.</param>
/// <param name="ImagePresent">Per window: whether its image was recorded.</param>
/// <param name="Labels">Truth annotations of this session inside this stretch, by absolute sample index; empty when none were published.</param>
public sealed record RecordedStretch(
    string Bed,
    int Session,
    double SampleRate,
    DateTimeOffset StartTime,
    long FirstSample,
    float[][] Leads,
    int ImageRows,
    int ImageColumnsPerWindow,
    float[] Image,
    bool[] ImagePresent,
    IReadOnlyList<RecordedLabel> Labels)
{
    public int SampleCount => Leads.Length == 0 ? 0 : Leads[0].Length;

    public int WindowCount => ImagePresent.Length;

    /// <summary>The signal this stretch belongs to: the bed, with <c>#n</c> for a later session n (after a device restart it may be another patient).</summary>
    public string Signal => Session == 0 ? Bed : $"{Bed}#{Session}";
}
