using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Simulator.Scoring;

/// <summary>
/// Scores the worker's alerts against reference episodes: an episode counts as detected when an alert of the matching
/// type is active at some point from <see cref="Before"/> before its start to <see cref="After"/> after its end (the
/// worker decides on a beat once the next beat is found, and some rules need k of n beats); an alert is true when it
/// overlaps a reference episode in the same way.
/// </summary>
public sealed class AlertScoring
{
    /// <summary>
    /// The reference kind each alert type is scored against: the annotations' rhythm stretches and beat runs for the
    /// rhythm alerts, and for the rate and ectopy alerts the same rule run over the reference beats
    /// (<see cref="ReferenceEpisodes.SameRule"/>, episodes the caller supplies).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReferenceOf { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ventricular_run"] = ReferenceEpisodes.VentricularRun,
        ["ventricular_tachycardia"] = ReferenceEpisodes.VentricularTachycardia,
        ["couplet"] = ReferenceEpisodes.Couplet,
        ["pause"] = ReferenceEpisodes.Pause,
        ["asystole"] = ReferenceEpisodes.Asystole,
        ["svt"] = ReferenceEpisodes.Svt,
        ["atrial_fibrillation"] = ReferenceEpisodes.AtrialFibrillation,
        ["ventricular_fibrillation"] = ReferenceEpisodes.VentricularFibrillation,
        ["tachycardia"] = ReferenceEpisodes.SameRule("tachycardia"),
        ["bradycardia"] = ReferenceEpisodes.SameRule("bradycardia"),
        ["bigeminy"] = ReferenceEpisodes.SameRule("bigeminy"),
        ["trigeminy"] = ReferenceEpisodes.SameRule("trigeminy"),
        ["pvc_rate"] = ReferenceEpisodes.SameRule("pvc_rate"),
        ["frequent_ectopy"] = ReferenceEpisodes.SameRule("frequent_ectopy"),
    };

    /// <summary>Alert types about the equipment rather than the patient: left out of the false-alarm total, and the alarms
    /// that announce a missed episode (the worker said it could not judge the bed).</summary>
    public static IReadOnlySet<string> Technical { get; } = new HashSet<string>(StringComparer.Ordinal) { AlertTypes.SignalQuality, AlertTypes.BedSilent };

    private readonly List<(string Bed, IReadOnlyDictionary<string, IReadOnlyList<Episode>> Episodes, double Hours)> _beds = [];
    private readonly List<AlertInterval> _alerts = [];
    private readonly long _before;
    private readonly long _after;
    private double _hours;

    public AlertScoring(TimeSpan before, TimeSpan after, double sampleRate)
    {
        Before = before;
        After = after;
        _before = (long)(before.TotalSeconds * sampleRate);
        _after = (long)(after.TotalSeconds * sampleRate);
    }

    public TimeSpan Before { get; }

    public TimeSpan After { get; }

    /// <summary>Adds one bed: its reference episodes (stream samples), its alerts and how long it was replayed.</summary>
    public void AddBed(string bed, IReadOnlyDictionary<string, IReadOnlyList<Episode>> episodes, IEnumerable<AlertInterval> alerts, TimeSpan replayed)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        ArgumentNullException.ThrowIfNull(alerts);
        _beds.Add((bed, episodes, replayed.TotalHours));
        _alerts.AddRange(alerts.Where(a => a.Bed == bed));
        _hours += replayed.TotalHours;
    }

    /// <summary>One score per alert type seen or expected, scored types first; over all beds or over <paramref name="bed"/> alone.</summary>
    public IReadOnlyList<AlertTypeScore> Scores(string? bed = null)
    {
        var hours = bed is null ? _hours : _beds.Where(b => b.Bed == bed).Sum(b => b.Hours);
        var judged = _beds.Where(b => bed is null || b.Bed == bed).SelectMany(b => Judged(b.Bed)).ToLookup(j => j.Type, StringComparer.Ordinal);
        var types = ReferenceOf.Keys.Concat(_alerts.Select(a => a.Type)).Distinct(StringComparer.Ordinal);
        return [.. types.Select(type => Score(type, [.. judged[type]], hours)).OrderBy(s => s.Reference is null).ThenBy(s => s.AlertType, StringComparer.Ordinal)];
    }

    /// <summary>The false alerts of every non-technical type (an unscored type's alerts count as false: nothing judged them
    /// true), over all beds or over <paramref name="bed"/> alone: the alarms a nurse is called to for nothing.</summary>
    public int FalseClinicalAlerts(string? bed = null) => Scores(bed).Where(s => !Technical.Contains(s.AlertType)).Sum(s => s.Alerts - s.TrueAlerts);

    /// <summary>Duration sensitivity and positive predictivity of one alert type against its reference, over <paramref name="beds"/> (all when null).</summary>
    public DurationScore Duration(string type, IEnumerable<string>? beds = null)
    {
        var chosen = beds?.ToHashSet(StringComparer.Ordinal);
        var total = default(DurationScore);
        foreach (var (bed, byKind, _) in _beds.Where(b => chosen is null || chosen.Contains(b.Bed)))
        {
            var alerts = _alerts.Where(a => a.Bed == bed && a.Type == type).Select(a => a.Span).ToList();
            total += DurationScore.Of(EpisodesFor(byKind, type), alerts);
        }

        return total;
    }

    /// <summary>The non-technical alerts of <paramref name="bed"/> that overlap no reference episode of their type, in time order.</summary>
    public IReadOnlyList<AlertInterval> FalseAlerts(string bed) =>
        [.. Judged(bed).Where(j => j is { Kind: JudgedStretch.Alert, Verdict: JudgedStretch.False }).Select(j => new AlertInterval(bed, j.Type, j.Span))];

    /// <summary>The reference episodes of <paramref name="bed"/> for <paramref name="types"/> during which no alert of the type was active, in time order.</summary>
    public IReadOnlyList<(string Type, Episode Episode)> MissedEpisodes(string bed, IEnumerable<string> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var asked = types.ToHashSet(StringComparer.Ordinal);
        return [.. Judged(bed).Where(j => j is { Kind: JudgedStretch.ReferenceEpisode, Verdict: JudgedStretch.Missed } && asked.Contains(j.Type)).Select(j => (j.Type, j.Span))];
    }

    /// <summary>
    /// True when a technical alert of <paramref name="bed"/> (signal quality, bed silent) was active at some moment of
    /// <paramref name="episode"/> itself: a missed episode the worker announced as one it could not judge, rather than
    /// one it missed silently. No tolerance, unlike a detection: an alarm that came after the episode warned no one of it.
    /// </summary>
    public bool AnnouncedAsTechnical(string bed, Episode episode) =>
        _alerts.Any(a => a.Bed == bed && Technical.Contains(a.Type) && episode.Overlaps(a.Span, 0, 0));

    /// <summary>
    /// Every alert of <paramref name="bed"/> and every reference episode of a scored type, in time order, each with its
    /// verdict: an alert is true or false (technical, or unscored where its type has no reference), an episode detected
    /// or missed. The audit trail behind the tables: which alarm a count holds.
    /// </summary>
    public IReadOnlyList<JudgedStretch> Judged(string bed)
    {
        var (_, byKind, _) = _beds.Single(b => b.Bed == bed);
        var alerts = _alerts.Where(a => a.Bed == bed).ToList();
        var judged = alerts.Select(a => new JudgedStretch(JudgedStretch.Alert, a.Type, a.Span, Verdict(a, byKind))).ToList();
        foreach (var type in ReferenceOf.Keys)
        {
            judged.AddRange(EpisodesFor(byKind, type).Select(e => new JudgedStretch(JudgedStretch.ReferenceEpisode, type, e,
                alerts.Any(a => a.Type == type && Matches(e, a)) ? JudgedStretch.Detected : JudgedStretch.Missed)));
        }

        return [.. judged.OrderBy(j => j.Span.Start).ThenBy(j => j.Kind, StringComparer.Ordinal).ThenBy(j => j.Type, StringComparer.Ordinal)];
    }

    /// <summary>A bed's reference episodes of the kind <paramref name="type"/> is judged against (none when it has no such episode).</summary>
    private static IReadOnlyList<Episode> EpisodesFor(IReadOnlyDictionary<string, IReadOnlyList<Episode>> byKind, string type) =>
        byKind.TryGetValue(ReferenceOf[type], out var episodes) ? episodes : [];

    private string Verdict(AlertInterval alert, IReadOnlyDictionary<string, IReadOnlyList<Episode>> byKind) =>
        Technical.Contains(alert.Type) ? JudgedStretch.TechnicalAlert
        : !ReferenceOf.ContainsKey(alert.Type) ? JudgedStretch.Unscored
        : EpisodesFor(byKind, alert.Type).Any(e => Matches(e, alert)) ? JudgedStretch.True : JudgedStretch.False;

    /// <summary>True when the alert overlaps the episode within the tolerances: the alert is true and the episode detected.</summary>
    private bool Matches(Episode episode, AlertInterval alert) => episode.Overlaps(alert.Span, _before, _after);

    /// <summary>One alert type's score from its judged alerts and episodes (<see cref="Judged"/>) over <paramref name="hours"/>.</summary>
    private static AlertTypeScore Score(string type, IReadOnlyCollection<JudgedStretch> judged, double hours)
    {
        int Count(string kind, string? verdict = null) => judged.Count(j => j.Kind == kind && (verdict is null || j.Verdict == verdict));
        return new AlertTypeScore(type, ReferenceOf.GetValueOrDefault(type), Count(JudgedStretch.ReferenceEpisode), Count(JudgedStretch.ReferenceEpisode, JudgedStretch.Detected),
            Count(JudgedStretch.Alert), Count(JudgedStretch.Alert, JudgedStretch.True), hours);
    }
}
