using System.Diagnostics.Metrics;
using AtdMonitor.Streaming.Observability;

namespace AtdMonitor.Streaming.Tests.Observability;

public sealed class PrometheusNameTests
{
    [Fact]
    public void Counters_end_in_total_durations_in_seconds_and_no_meter_prefix_is_added()
    {
        using var meter = new Meter("AtdMonitor");

        Assert.Equal(("atd_messages_in_total", 1.0), PrometheusExporter.PrometheusName(meter.CreateObservableCounter("atd.messages.in", () => 0L, "{message}")));
        Assert.Equal(("atd_queue_lag_seconds", 1e-3), PrometheusExporter.PrometheusName(meter.CreateObservableGauge("atd.queue.lag", () => 0.0, "ms")));
        Assert.Equal(("atd_inference_duration_seconds", 1e-3), PrometheusExporter.PrometheusName(meter.CreateHistogram<double>("atd.inference.duration", "ms")));
        Assert.Equal(("atd_inference_batch_size", 1.0), PrometheusExporter.PrometheusName(meter.CreateHistogram<int>("atd.inference.batch_size", "{beat}")));
        Assert.Equal(("atd_spool_size_bytes", 1.0), PrometheusExporter.PrometheusName(meter.CreateObservableGauge("atd.spool.size", () => 0L, "By")));
    }
}
