namespace AtdMonitor.Training.FineTuning;

/// <summary>
/// One continuous stretch of a bed's recording as fine-tuning sees it (the CLI converts the worker's recordings to this,
/// so Training does not depend on Streaming).
/// </summary>
/// <param name="Bed">Bed id, with <c>#n</c> for a later session n of the bed (another signal); the validation slice is taken per bed.</param>
/// <param name="SampleRate">Samples per second per lead.</param>
/// <param name="FirstSample">Absolute sample index of <c>Leads[l][0]</c> (labels use the same numbering).</param>
/// <param name="Leads">Samples per lead in millivolts, <c>[lead][sample]</c>: lead 0 feeds the beat features (the images are the
/// recorded ones, so lead 1 is not used).</param>
/// <param name="ImageRows">Rows of <paramref name="Image"/>.</param>
/// <param name="ImageColumnsPerWindow">Spectrogram columns each window carries.</param>
/// <param name="Image">The stitched spectrogram the stream saw, row-major <c>[rows × windows·columns]</c>.</param>
/// <param name="ImagePresent">Per window: whether its image was recorded.</param>
/// <param name="Labels">Truth annotations inside the stretch, in sample order.</param>
public sealed record LabelledStretch(
    string Bed,
    double SampleRate,
    long FirstSample,
    float[][] Leads,
    int ImageRows,
    int ImageColumnsPerWindow,
    float[] Image,
    bool[] ImagePresent,
    IReadOnlyList<StretchLabel> Labels)
{
    public int SampleCount => Leads.Length == 0 ? 0 : Leads[0].Length;
}
