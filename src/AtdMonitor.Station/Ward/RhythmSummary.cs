using AtdMonitor.Streaming.Alerts;

namespace AtdMonitor.Station.Ward;

/// <summary>
/// A word for what a bed's last minute looks like, from its active alarm, its signal and its beat mix. It is a summary
/// of the beat classifier's labels, not a rhythm diagnosis: a bed whose beats are mostly unclassifiable says so.
/// </summary>
internal static class RhythmSummary
{
    public static string Describe(StationAlarm? alarm, string quality, ReadOnlySpan<int> counts, double? heartRate)
    {
        if (alarm is { Type: not AlertTypes.SignalQuality })
        {
            return alarm.Type switch
            {
                AlertTypes.VentricularRun => "Ventricular run",
                AlertTypes.Pause => "Pause",
                AlertTypes.Tachycardia => "Tachycardia",
                AlertTypes.Bradycardia => "Bradycardia",
                AlertTypes.FrequentEctopy => "Frequent ectopy",
                _ => alarm.Type,
            };
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
