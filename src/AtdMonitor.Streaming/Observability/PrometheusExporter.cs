using System.Diagnostics.Metrics;
using AtdMonitor.Streaming.Health;
using Prometheus;

namespace AtdMonitor.Streaming.Observability;

/// <summary>
/// The instruments of this host's Meter <c>AtdMonitor</c> (and the runtime's <c>System.Runtime</c> meter) as Prometheus
/// metrics, through prometheus-net's <see cref="MeterAdapter"/> into a registry of its own. The adapter only takes
/// meters created by this host's <see cref="IMeterFactory"/>, so two workers in one process (tests) never mix figures;
/// names follow the adapter's mapping (<c>atd.messages.in</c> becomes <c>atd_messages_in</c>).
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private const string RuntimeMeter = "System.Runtime";

    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly IDisposable _adapter;

    public PrometheusExporter(IMeterFactory meterFactory)
    {
        _adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = _registry,
            MetricFactory = Metrics.WithCustomRegistry(_registry),
            InstrumentFilterPredicate = instrument =>
                (instrument.Meter.Name == PipelineMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                || instrument.Meter.Name == RuntimeMeter,
            ResolveHistogramBuckets = HistogramBuckets,

            // The worker's instruments carry no labels, so there is nothing to expire: the longest the adapter allows.
            // Observable instruments are read at every scrape and so never expire; a histogram idle for a day would.
            MetricsExpireAfter = TimeSpan.FromDays(1),
        });
    }

    /// <summary>Content type of the Prometheus text exposition format.</summary>
    public static string ContentType => "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Collects every instrument (observable ones are read now) and writes the text format.</summary>
    public Task WriteAsync(Stream output, CancellationToken cancellationToken) => _registry.CollectAndExportAsTextAsync(output, cancellationToken);

    public void Dispose() => _adapter.Dispose();

    private static double[] HistogramBuckets(Instrument instrument) => instrument.Name switch
    {
        "atd.inference.batch_size" => [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
        "atd.inference.duration" => [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000],
        _ => Histogram.ExponentialBuckets(0.001, 4, 12),
    };
}
