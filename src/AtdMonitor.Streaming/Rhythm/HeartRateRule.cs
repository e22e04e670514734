namespace AtdMonitor.Streaming.Rhythm;

/// <summary>Heart rate over the last <c>beats</c> RR intervals, beats per minute; one instance each for bradycardia and tachycardia.</summary>
public sealed class HeartRateRule(string type, int beats) : IBeatAlertRule
{
    public string Type { get; } = type;

    public double? Measure(BeatHistory history)
    {
        if (history.Count < beats)
        {
            return null;
        }

        var meanRr = history.Newest(beats).Average(beat => (double)beat.RrSeconds);
        return meanRr > 0 ? 60.0 / meanRr : null;
    }

    public string Describe(double value) => $"{Type}: heart rate {value:0} bpm over {beats} beats";
}
