namespace AtdMonitor.Streaming.Rhythm;

/// <summary>
/// Heart rate over the last <c>beats</c> RR intervals, beats per minute, from their median: a beat the detector found in
/// noise splits one interval in two short ones, and a missed beat makes one long one; the median shrugs both off where
/// the mean would not. One instance each for bradycardia and tachycardia.
/// </summary>
public sealed class HeartRateRule(string type, int beats) : IBeatAlertRule
{
    public string Type { get; } = type;

    /// <summary>The RR intervals the rate is taken over (the newest beats').</summary>
    public int Beats => beats;

    public double? Measure(BeatHistory history)
    {
        if (history.Count < beats)
        {
            return null;
        }

        var rr = history.Newest(beats).Select(beat => (double)beat.RrSeconds).Order().ToArray();
        var medianRr = rr.Length % 2 == 1 ? rr[rr.Length / 2] : (rr[(rr.Length / 2) - 1] + rr[rr.Length / 2]) / 2;
        return medianRr > 0 ? 60.0 / medianRr : null;
    }

    public string Describe(double value) => $"{Type}: heart rate {value:0} bpm over {beats} beats";
}
