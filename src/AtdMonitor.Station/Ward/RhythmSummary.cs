using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;

namespace AtdMonitor.Station.Ward;

/// <summary>
/// A word for what a bed's last minute looks like, from its active clinical alarm, its signal and its beat mix. It is a summary
/// of the beat classifier's labels, not a rhythm diagnosis: a bed whose beats are mostly unclassifiable says so.
/// </summary>
internal static class RhythmSummary
{
    public static string Describe(StationAlarm? alarm, string quality, ReadOnlySpan<int> counts, double? heartRate)
    {
        if (alarm is { Priority: not AlarmPriority.Technical })
        {
            return alarm.Type == AlertTypes.SupraventricularTachycardia ? "SVT" : char.ToUpperInvariant(alarm.Type[0]) + alarm.Type[1..].Replace('_', ' ');
        }

        var total = 0;
        foreach (var count in counts)
        {
            total += count;
        }

        if (quality != "good" && quality != "unknown")
        {
            return "Signal " + quality;
        }

        if (total == 0 || heartRate is null)
        {
            return "No beats";
        }

        var unclassifiable = counts[BeatClasses.IndexOf("Q")];
        if (2 * unclassifiable > total)
        {
            return "Unclassifiable";
        }

        var ectopic = counts[BeatClasses.IndexOf("S")] + counts[BeatClasses.IndexOf("V")] + counts[BeatClasses.IndexOf("F")];
        return 10 * ectopic >= total ? "N with ectopy" : "Mostly N";
    }
}
