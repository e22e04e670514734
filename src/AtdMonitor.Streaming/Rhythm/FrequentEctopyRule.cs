using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>Ectopic burden: the larger of the V and S percentages over the last <c>beats</c> beats; a beat called V counts when
/// <paramref name="ventricular"/>'s shape check allows it, a beat called S only outside atrial fibrillation.</summary>
public sealed class FrequentEctopyRule(int beats, EctopicRunFinder ventricular) : IBeatAlertRule
{
    public string Type => AlertTypes.FrequentEctopy;

    public double? Measure(BeatHistory history)
    {
        if (history.Count < beats)
        {
            return null;
        }

        var window = history.Newest(beats).ToList();
        var ventricularBeats = window.Count(beat => beat.ClassName == "V" && ventricular.ShapeAllows(beat));
        var supraventricularBeats = history.InAtrialFibrillation ? 0 : window.Count(beat => beat.ClassName == "S");
        return 100.0 * Math.Max(ventricularBeats, supraventricularBeats) / beats;
    }

    public string Describe(double value) => $"frequent ectopy: {value:0}% of the last {beats} beats";
}
