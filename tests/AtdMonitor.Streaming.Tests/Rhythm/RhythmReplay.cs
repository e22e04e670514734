using AtdMonitor.Data.Beats;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Tests.Rhythm;

/// <summary>
/// Replays lead 0 (1-s windows) and beats into one bed's alert monitor the way the pipeline does: each window first, then
/// the beats whose R-peak lies more than a second before the window's end (a beat leaves the detector once the next one
/// is found). Beats carry their class with probability <see cref="Probability"/>, or are unclassifiable ("Q"), and the QRS
/// RMS difference from the running template that the worker's feature code computes from the signal at their R-peaks.
/// </summary>
internal static class RhythmReplay
{
    public const int Rate = 360;

    public const float Probability = 0.9f;

    public static readonly DateTimeOffset Start = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Runs the replay with default alert settings (or <paramref name="options"/>); returns every alert event.
    /// <paramref name="verdictOf"/> may change the signal-quality verdict of window w (as the tracker's other checks would);
    /// <paramref name="lead1"/>, as long as lead 0, comes with each window as the device's second lead; the beats at
    /// <paramref name="missedOnLead1"/> come as lead 1's QRS detector did not find them; from window
    /// <paramref name="clockStep"/>.Window on, the device's clock reads <paramref name="clockStep"/>.Back earlier (windows
    /// and beats), the numbering going on.
    /// </summary>
    public static List<AlertMessage> Run(float[] lead0, IReadOnlyList<(long Sample, string Class)> beats, AlertsOptions? options = null,
        Func<int, SignalQualityVerdict, SignalQualityVerdict>? verdictOf = null, float[]? lead1 = null, IReadOnlySet<long>? missedOnLead1 = null,
        (int Window, TimeSpan Back)? clockStep = null)
    {
        options ??= new AlertsOptions();
        var monitor = new BedAlertMonitor("bed-r", options);
        var events = new List<AlertMessage>();
        var next = 0;
        long? previous = null;
        var difference = BeatFeatureExtraction.Extract(lead0, [.. beats.Select(beat => beat.Sample)])
            .ToDictionary(beat => beat.RPeakSample, beat => beat.Rhythm[BeatSpec.QrsDifferenceFeature]);
        for (var w = 0; (w + 1) * Rate <= lead0.Length; w++)
        {
            var samples = lead0.AsSpan(w * Rate, Rate).ToArray();
            var verdict = SignalQualityAssessor.Assess(samples, options.SignalQuality);
            var clock = clockStep is { } step && w >= step.Window ? -step.Back : TimeSpan.Zero;
            var window = new MonitoredWindow("bed-r", 0, w, Start + TimeSpan.FromSeconds(w) + clock, Rate, samples, false, w == 0, verdictOf?.Invoke(w, verdict) ?? verdict,
                lead1?.AsSpan(w * Rate, Rate).ToArray());
            events.AddRange(monitor.OnWindow(window));
            while (next < beats.Count && beats[next].Sample < ((w + 1) * Rate) - Rate)
            {
                var (sample, className) = beats[next++];
                var rr = previous is { } p ? (sample - p) / (float)Rate : 0f;
                previous = sample;
                var beat = Beat(sample, className, rr, difference.TryGetValue(sample, out var qrsDifference) ? qrsDifference : null);
                var beatClock = clockStep is { } beatStep && sample >= beatStep.Window * Rate ? -beatStep.Back : TimeSpan.Zero;
                events.AddRange(monitor.OnBeat(beat with { Time = beat.Time + beatClock, MissedOnLead1 = missedOnLead1?.Contains(sample) == true }));
            }
        }

        return events;
    }

    public static ClassifiedBeat Beat(long sample, string className, float rrSeconds, float? qrsTemplateDifference)
    {
        var judged = className != ClassifiedBeat.UnclassifiableClass;
        var probabilities = AamiMapping.ClassNames.Select(name => name == className ? Probability : (1 - Probability) / 4).ToArray();
        if (!judged)
        {
            probabilities = [.. AamiMapping.ClassNames.Select(_ => 0.2f)];
        }

        return new ClassifiedBeat("bed-r", sample, Start + TimeSpan.FromSeconds(sample / (double)Rate), className, AamiMapping.ClassNames, probabilities, rrSeconds,
            ImageMissing: false, judged ? UnclassifiableReason.None : UnclassifiableReason.LowConfidence, qrsTemplateDifference);
    }

    /// <summary>A <see cref="Run"/> verdict change: windows <paramref name="from"/> to <paramref name="to"/> (exclusive) get <paramref name="problem"/>.</summary>
    public static Func<int, SignalQualityVerdict, SignalQualityVerdict> ProblemIn(int from, int to, string problem) =>
        (w, verdict) => w >= from && w < to ? verdict with { Problem = problem } : verdict;

    /// <summary>Raise events of one type.</summary>
    public static List<AlertMessage> Raised(this IEnumerable<AlertMessage> events, string type) =>
        [.. events.Where(e => e.Type == type && e.State == AlertState.Raise)];
}
