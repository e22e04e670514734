using System.Diagnostics.Metrics;
using AtdMonitor.Streaming.Health;

namespace AtdMonitor.Cli.Commands;

/// <summary>Listens to the worker's own instruments (meter <see cref="PipelineMetrics.MeterName"/>): time spent in inference and batch sizes.</summary>
internal sealed class CapacityInferenceMeter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private double _inferenceMilliseconds;
    private long _batches;
    private long _batchedBeats;

    public CapacityInferenceMeter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PipelineMetrics.MeterName && instrument.Name is "atd.inference.duration" or "atd.inference.batch_size")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            lock (_gate)
            {
                _inferenceMilliseconds += value;
            }
        });
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            lock (_gate)
            {
                _batches++;
                _batchedBeats += value;
            }
        });
        _listener.Start();
    }

    /// <summary>Total inference time, batches and beats so far.</summary>
    public (double Milliseconds, long Batches, long Beats) Read()
    {
        lock (_gate)
        {
            return (_inferenceMilliseconds, _batches, _batchedBeats);
        }
    }

    public void Dispose() => _listener.Dispose();
}
