using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>Ectopic burden: the larger of the V and S percentages over the last <c>beats</c> beats.</summary>
public sealed class FrequentEctopyRule(int beats) : IBeatAlertRule
{
    public string Type => AlertTypes.FrequentEctopy;

    public double? Measure(BeatHistory history)
    {
        if (history.Count < beats)
        {
            return null;
        }

        var window = history.Newest(beats).ToList();
        var ventricular = window.Count(beat => beat.ClassName == "V");
        var supraventricular = window.Count(beat => beat.ClassName == "S");
        return 100.0 * Math.Max(ventricular, supraventricular) / beats;
    }

    public string Describe(double value) => $"frequent ectopy: {value:0}% of the last {beats} beats";
}
