using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Wfdb;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Simulator.Scoring;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// The judge of the rate and ectopy alerts (brady- and tachycardia, bigeminy, trigeminy, PVC rate, frequent ectopy),
/// which have no rhythm annotation: the worker's own alert monitor, with the worker's settings, run over the reference
/// beats (their AAMI class with probability 1, their RR intervals). What it raises is the reference episode. The judge
/// runs those rules without their hold-off (<see cref="AlertsOptions.WithoutRateAndEctopyHoldOffs"/>): a hold-off says
/// how soon a nurse is told again, not whether the rhythm is there, and after a clear of a second it would hide a whole
/// hold-off (10 s for bigeminy, 60 s for PVC rate) of rhythm the reference beats plainly show.
/// </summary>
internal static class RuleReferenceEpisodes
{
    /// <summary>Alert types judged this way.</summary>
    public static readonly IReadOnlyList<string> Types =
        [AlertTypes.Bradycardia, AlertTypes.Tachycardia, AlertTypes.Bigeminy, AlertTypes.Trigeminy, AlertTypes.PvcRate, AlertTypes.FrequentEctopy];

    private static readonly DateTimeOffset Origin = DateTimeOffset.UnixEpoch;

    /// <summary>Episodes per <see cref="ReferenceEpisodes.SameRule"/> kind, in record samples, over the beats before <paramref name="end"/>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Episode>> Extract(IReadOnlyList<WfdbAnnotation> annotations, AlertsOptions options, double sampleRate, long end)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        ArgumentNullException.ThrowIfNull(options);
        var monitor = new BedAlertMonitor("reference", options.WithoutRateAndEctopyHoldOffs());
        var events = new List<AlertMessage>();
        long? previous = null;
        foreach (var beat in annotations.Where(a => a.IsBeat && a.Sample < end))
        {
            var aami = AamiMapping.FromSymbol(beat.Symbol);
            var className = aami is { } c ? AamiMapping.ClassNames[(int)c] : ClassifiedBeat.UnclassifiableClass;
            var probabilities = AamiMapping.ClassNames.Select(name => name == className ? 1f : 0f).ToArray();
            var rr = previous is { } p ? (float)((beat.Sample - p) / sampleRate) : 0f;
            previous = beat.Sample;
            var classified = new ClassifiedBeat("reference", beat.Sample, Origin + TimeSpan.FromSeconds(beat.Sample / sampleRate), className, AamiMapping.ClassNames,
                probabilities, rr, ImageMissing: false, aami is null || className == ClassifiedBeat.UnclassifiableClass ? UnclassifiableReason.LowConfidence : UnclassifiableReason.None);
            events.AddRange(monitor.OnBeat(classified).Where(e => Types.Contains(e.Type)));
        }

        var intervals = AlertInterval.FromEvents(events, (_, time) => (long)Math.Round((time - Origin).TotalSeconds * sampleRate), end);
        return Types.ToDictionary(
            ReferenceEpisodes.SameRule,
            type => (IReadOnlyList<Episode>)[.. intervals.Where(i => i.Type == type).Select(i => i.Span)],
            StringComparer.Ordinal);
    }
}
