namespace AtdMonitor.Simulator.Scoring;

/// <summary>
/// Scores the worker's alerts against reference episodes: an episode counts as detected when an alert of the matching
/// type is active at some point from <see cref="Before"/> before its start to <see cref="After"/> after its end (the
/// worker decides on a beat once the next beat is found, and some rules need k of n beats); an alert is true when it
/// overlaps a reference episode in the same way.
/// </summary>
public sealed class AlertScoring
{
    /// <summary>The reference kind each alert type is scored against.</summary>
    public static IReadOnlyDictionary<string, string> ReferenceOf { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ventricular_run"] = ReferenceEpisodes.VentricularRun,
        ["pause"] = ReferenceEpisodes.Pause,
        ["tachycardia"] = ReferenceEpisodes.Svta,
    };

    private readonly List<(string Bed, IReadOnlyDictionary<string, IReadOnlyList<Episode>> Episodes)> _beds = [];
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
        _beds.Add((bed, episodes));
        _alerts.AddRange(alerts.Where(a => a.Bed == bed));
        _hours += replayed.TotalHours;
    }

    /// <summary>One score per alert type seen or expected, scored types first.</summary>
    public IReadOnlyList<AlertTypeScore> Scores()
    {
        var types = ReferenceOf.Keys.Concat(_alerts.Select(a => a.Type)).Distinct(StringComparer.Ordinal);
        return [.. types.Select(Score).OrderBy(s => s.Reference is null).ThenBy(s => s.AlertType, StringComparer.Ordinal)];
    }

    private AlertTypeScore Score(string type)
    {
        var alerts = _alerts.Where(a => a.Type == type).ToList();
        if (!ReferenceOf.TryGetValue(type, out var reference))
        {
            return new AlertTypeScore(type, null, 0, 0, alerts.Count, 0, _hours);
        }

        int episodes = 0, detected = 0, trueAlerts = 0;
        foreach (var (bed, byKind) in _beds)
        {
            var bedEpisodes = byKind.TryGetValue(reference, out var list) ? list : [];
            var bedAlerts = alerts.Where(a => a.Bed == bed).ToList();
            episodes += bedEpisodes.Count;
            detected += bedEpisodes.Count(e => bedAlerts.Any(a => e.Overlaps(a.Span, _before, _after)));
            trueAlerts += bedAlerts.Count(a => bedEpisodes.Any(e => e.Overlaps(a.Span, _before, _after)));
        }

        return new AlertTypeScore(type, reference, episodes, detected, alerts.Count, trueAlerts, _hours);
    }
}
