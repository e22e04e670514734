namespace AtdMonitor.TestSupport;

/// <summary>One time series as victoria-metrics exports it: its labels (<c>__name__</c> is the metric name; an
/// Influx line <c>beat,bed=b1 p_0=0.9</c> becomes metric <c>beat_p_0</c> with label <c>bed="b1"</c>),
/// and its samples in time order.</summary>
public sealed record ExportedSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<double> Values, IReadOnlyList<long> TimestampsMs)
{
    public string Name => Labels["__name__"];

    public string? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;
}
