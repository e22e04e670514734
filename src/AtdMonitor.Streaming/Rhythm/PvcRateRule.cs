using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>Ventricular ectopic beats (PVCs) per minute: V beats among the bed's beats of the last 60 s before the newest beat; null until the history spans a minute.</summary>
public sealed class PvcRateRule(EctopicRunFinder ventricular) : IBeatAlertRule
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public string Type => AlertTypes.PvcRate;

    public double? Measure(BeatHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Latest is not { } newest)
        {
            return null;
        }

        var from = newest.Time - Minute;
        var count = 0;
        var spansMinute = false;
        foreach (var beat in history.Newest(history.Count))
        {
            if (beat.Time <= from)
            {
                spansMinute = true;
                break;
            }

            count += ventricular.IsMember(beat) ? 1 : 0;
        }

        return spansMinute ? count : null;
    }

    public string Describe(double value) => $"PVCs: {value:0} per minute";
}
