using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AtdMonitor.Streaming.Health;
using Prometheus;

namespace AtdMonitor.Streaming.Observability;

/// <summary>
/// The instruments of this host's Meter <c>AtdMonitor</c> as Prometheus metrics, named by Prometheus' conventions, in a
/// registry of prometheus-net's that also holds the standard process and runtime metrics (<c>process_cpu_seconds_total</c>,
/// <c>process_resident_memory_bytes</c>, <c>process_start_time_seconds</c>, <c>dotnet_collection_count_total</c>, ...).
/// A <see cref="MeterListener"/> takes only the meters created by this host's <see cref="IMeterFactory"/>, so two
/// workers in one process (tests) never mix figures. Names (see <see cref="PrometheusName"/>): the instrument name with
/// dots as underscores (<c>atd.messages.in</c>), the unit as a base-unit suffix (milliseconds become <c>_seconds</c>,
/// the values scaled), and <c>_total</c> on counters: <c>atd_messages_in_total</c>, <c>atd_queue_lag_seconds</c>,
/// <c>atd_inference_duration_seconds</c> (a histogram). The worker's instruments carry no tags, so none become labels.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly MetricFactory _factory;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Action<double>> _recorders = new();

    public PrometheusExporter(IMeterFactory meterFactory)
    {
        _factory = Metrics.WithCustomRegistry(_registry);
        DotNetStats.Register(_registry);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PipelineMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory) && Recorder(instrument) is { } recorder)
            {
                _recorders[instrument] = recorder;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Record(instrument, value));
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Record(instrument, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Record(instrument, value));
        _listener.SetMeasurementEventCallback<float>((instrument, value, _, _) => Record(instrument, value));
        _listener.Start();

        // Observable instruments are read at every scrape.
        _registry.AddBeforeCollectCallback(_listener.RecordObservableInstruments);
    }

    /// <summary>Content type of the Prometheus text exposition format.</summary>
    public static string ContentType => "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Collects every instrument (observable ones are read now) and writes the text format.</summary>
    public Task WriteAsync(Stream output, CancellationToken cancellationToken) => _registry.CollectAndExportAsTextAsync(output, cancellationToken);

    /// <summary>
    /// The Prometheus name of <paramref name="instrument"/> and the factor from its unit to the base unit:
    /// <c>ms</c> → <c>_seconds</c> × 0.001, <c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>; counters end in <c>_total</c>.
    /// </summary>
    public static (string Name, double Scale) PrometheusName(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var name = new string([.. instrument.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
        var (suffix, scale) = instrument.Unit switch
        {
            "ms" => ("_seconds", 1e-3),
            "us" or "µs" => ("_seconds", 1e-6),
            "s" => ("_seconds", 1.0),
            "By" => ("_bytes", 1.0),
            _ => (string.Empty, 1.0),
        };
        if (!name.EndsWith(suffix, StringComparison.Ordinal))
        {
            name += suffix;
        }

        if (IsCounter(instrument) && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return (name, scale);
    }

    public void Dispose() => _listener.Dispose();

    private static bool IsCounter(Instrument instrument) => Kind(instrument) == typeof(Counter<>) || Kind(instrument) == typeof(ObservableCounter<>);

    private static Type? Kind(Instrument instrument) => instrument.GetType() is { IsGenericType: true } type ? type.GetGenericTypeDefinition() : null;

    private static double[] Buckets(string name) => name switch
    {
        "atd_inference_batch_size" => [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
        _ when name.EndsWith("_seconds", StringComparison.Ordinal) => [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
        _ => Histogram.ExponentialBuckets(0.001, 4, 12),
    };

    private Action<double>? Recorder(Instrument instrument)
    {
        var (name, scale) = PrometheusName(instrument);
        var help = instrument.Description ?? instrument.Name;
        var kind = Kind(instrument);
        if (kind == typeof(ObservableCounter<>))
        {
            var counter = _factory.CreateCounter(name, help);
            return value => counter.IncTo(value * scale);
        }

        if (kind == typeof(Counter<>))
        {
            var counter = _factory.CreateCounter(name, help);
            return value => counter.Inc(value * scale);
        }

        if (kind == typeof(ObservableGauge<>) || kind == typeof(ObservableUpDownCounter<>) || kind == typeof(Gauge<>))
        {
            var gauge = _factory.CreateGauge(name, help);
            return value => gauge.Set(value * scale);
        }

        if (kind == typeof(UpDownCounter<>))
        {
            var gauge = _factory.CreateGauge(name, help);
            return value => gauge.Inc(value * scale);
        }

        if (kind == typeof(Histogram<>))
        {
            var histogram = _factory.CreateHistogram(name, help, new HistogramConfiguration { Buckets = Buckets(name) });
            return value => histogram.Observe(value * scale);
        }

        return null;
    }

    private void Record(Instrument instrument, double value)
    {
        if (_recorders.TryGetValue(instrument, out var recorder))
        {
            recorder(value);
        }
    }
}
