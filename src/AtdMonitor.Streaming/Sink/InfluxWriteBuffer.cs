using AtdMonitor.Streaming.Configuration;
using InfluxDB.Client.Core.Exceptions;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Streaming.Sink;

/// <summary>
/// A bounded, retrying buffer in front of the store, so an InfluxDB outage costs nothing up to
/// <see cref="InfluxBufferOptions.Capacity"/> points and never blocks the pipeline.
/// <list type="bullet">
/// <item>Alerts are held in their own queue, written first, and never dropped.</item>
/// <item>Predictions (beats, forecasts, health) are bounded: when full, the oldest queued are dropped, logged and
/// counted. The batch being retried is kept whole, so what is dropped is the stretch right behind it.</item>
/// <item>A failed write is retried with exponential back-off (a store that is down, overloaded, or refusing the token);
/// a batch the store rejects as malformed (HTTP 400/413/422) is counted and not retried, so it cannot block the rest.</item>
/// <item>One warning when writes start failing, one line when they recover, one when predictions start being dropped.</item>
/// </list>
/// </summary>
public sealed partial class InfluxWriteBuffer : IAsyncDisposable
{
    private static readonly TimeSpan FlushPollInterval = TimeSpan.FromMilliseconds(20);
    private readonly IInfluxWriteTarget _target;
    private readonly InfluxBufferOptions _options;
    private readonly ILogger<InfluxWriteBuffer> _logger;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly Queue<string> _alerts = new();
    private readonly Queue<string> _predictions = new();
    private readonly List<string> _inFlight = [];
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly RetryBackoff _backoff;
    private readonly Task _writer;
    private int _inFlightPredictions;
    private int _inFlightAlerts;

    // Positions in each lane, counted from the start, so a flush can wait for what was queued before it (see FlushAsync).
    private long _alertsAdded;
    private long _alertsTaken;
    private long _inFlightFirstAlert;
    private long _predictionsAdded;
    private long _predictionsRemoved;
    private long _inFlightFirstPrediction;
    private long _written;
    private long _dropped;
    private long _rejected;
    private long _failedWrites;
    private volatile bool _dropping;
    private DateTimeOffset? _failingSince;

    public InfluxWriteBuffer(IInfluxWriteTarget target, InfluxBufferOptions options, ILogger<InfluxWriteBuffer> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        _target = target;
        _options = options;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _backoff = new RetryBackoff(options.RetryMinDelay, options.RetryMaxDelay);
        _writer = Task.Run(WriteLoopAsync);
    }

    public InfluxWriteBufferCounters Counters
    {
        get
        {
            lock (_gate)
            {
                return new InfluxWriteBufferCounters(_written, _alerts.Count + _predictions.Count + _inFlight.Count, _dropped, _rejected, _failedWrites);
            }
        }
    }

    /// <summary>Queues an alert point (line protocol). Never dropped.</summary>
    public void AddAlert(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        lock (_gate)
        {
            _alerts.Enqueue(line);
            _alertsAdded++;
        }

        Wake();
    }

    /// <summary>Queues prediction, forecast or health points (line protocol); drops the oldest queued ones when full.</summary>
    public void AddPredictions(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var droppedNow = 0;
        bool batchReady;
        lock (_gate)
        {
            foreach (var line in lines)
            {
                _predictions.Enqueue(line);
                _predictionsAdded++;
                if (_predictions.Count + _inFlightPredictions > _options.Capacity)
                {
                    _predictions.Dequeue();
                    _predictionsRemoved++;
                    droppedNow++;
                }
            }

            _dropped += droppedNow;
            batchReady = _alerts.Count + _predictions.Count >= _options.BatchSize;
        }

        if (droppedNow > 0 && !_dropping)
        {
            _dropping = true;
            LogDroppingPredictions(_options.Capacity);
        }

        if (batchReady)
        {
            Wake();
        }
    }

    /// <summary>Writes out what is buffered now rather than at the next flush interval, and waits until every point
    /// queued before the call is written, rejected or dropped, or <paramref name="cancellationToken"/> fires. Points
    /// queued meanwhile are not waited for: under a steady stream the buffer is never empty.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        long alerts;
        long predictions;
        lock (_gate)
        {
            (alerts, predictions) = (_alertsAdded, _predictionsAdded);
        }

        while (!IsSettledUpTo(alerts, predictions))
        {
            Wake();
            await Task.Delay(FlushPollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the writer, then spends at most <see cref="InfluxBufferOptions.ShutdownTimeout"/> writing out what is left.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _writer.ConfigureAwait(false);
        using var deadline = new CancellationTokenSource(_options.ShutdownTimeout);
        try
        {
            while (HasWork() && await TryWriteBatchAsync(deadline.Token).ConfigureAwait(false) is not WriteOutcome.Failed)
            {
            }
        }
        catch (OperationCanceledException)
        {
            // Out of time: what is left is reported below.
        }

        var left = Counters.Buffered;
        if (left > 0)
        {
            LogLostAtShutdown(left);
        }

        _stopping.Dispose();
        _wake.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var stopping = _stopping.Token;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await _wake.WaitAsync(_options.FlushInterval, stopping).ConfigureAwait(false);
                while (HasWork())
                {
                    var outcome = await TryWriteBatchAsync(stopping).ConfigureAwait(false);
                    if (outcome == WriteOutcome.Failed)
                    {
                        await Task.Delay(_backoff.NextDelay(), _time, stopping).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: DisposeAsync writes out what is left.
        }
    }

    private async Task<WriteOutcome> TryWriteBatchAsync(CancellationToken cancellationToken)
    {
        var batch = TakeBatch();
        try
        {
            await _target.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpException e) when (e is BadRequestException or RequestEntityTooLargeException or UnprocessableEntityException)
        {
            CompleteBatch(accepted: false);
            LogBatchRejected(batch.Count, e);
            return WriteOutcome.Rejected;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failedWrites);
            if (_failingSince is null)
            {
                _failingSince = _time.GetUtcNow();
                LogWritesFailing(Counters.Buffered, e);
            }

            return WriteOutcome.Failed;
        }

        CompleteBatch(accepted: true);
        _backoff.Reset();
        if (_failingSince is { } since)
        {
            _failingSince = null;
            var counters = Counters;
            var outageSeconds = (_time.GetUtcNow() - since).TotalSeconds;
            LogWritesRecovered(outageSeconds, counters.Buffered, counters.DroppedPredictions);
            _dropping = false;
        }

        return WriteOutcome.Written;
    }

    /// <summary>The batch being retried, or a new one: alerts first, then the oldest predictions.</summary>
    private List<string> TakeBatch()
    {
        lock (_gate)
        {
            if (_inFlight.Count == 0)
            {
                _inFlightFirstAlert = _alertsTaken;
                while (_inFlight.Count < _options.BatchSize && _alerts.TryDequeue(out var alert))
                {
                    _inFlight.Add(alert);
                    _inFlightAlerts++;
                    _alertsTaken++;
                }

                _inFlightFirstPrediction = _predictionsRemoved;
                while (_inFlight.Count < _options.BatchSize && _predictions.TryDequeue(out var prediction))
                {
                    _inFlight.Add(prediction);
                    _inFlightPredictions++;
                    _predictionsRemoved++;
                }
            }

            return [.. _inFlight];
        }
    }

    private void CompleteBatch(bool accepted)
    {
        lock (_gate)
        {
            if (accepted)
            {
                _written += _inFlight.Count;
            }
            else
            {
                _rejected += _inFlight.Count;
            }

            _inFlight.Clear();
            _inFlightAlerts = 0;
            _inFlightPredictions = 0;
        }
    }

    /// <summary>
    /// Whether the first <paramref name="alerts"/> alerts and <paramref name="predictions"/> predictions ever queued are
    /// all written, rejected or dropped. Each lane leaves in order (the batch in flight holds its oldest points; drops take
    /// the oldest queued behind it), so the oldest point not yet settled is the first in flight, or else the head of the queue.
    /// </summary>
    private bool IsSettledUpTo(long alerts, long predictions)
    {
        lock (_gate)
        {
            var oldestAlert = _inFlightAlerts > 0 ? _inFlightFirstAlert : _alertsTaken;
            var oldestPrediction = _inFlightPredictions > 0 ? _inFlightFirstPrediction : _predictionsRemoved;
            return oldestAlert >= alerts && oldestPrediction >= predictions;
        }
    }

    private bool HasWork()
    {
        lock (_gate)
        {
            return _inFlight.Count + _alerts.Count + _predictions.Count > 0;
        }
    }

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
        catch (ObjectDisposedException)
        {
            // Stopped: the shutdown flush has taken over.
        }
    }

    private enum WriteOutcome
    {
        Written,
        Rejected,
        Failed,
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB writes are failing; buffering ({Buffered} points held) and retrying")]
    private partial void LogWritesFailing(int buffered, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "InfluxDB writes recovered after {Seconds:0.0} s; {Buffered} points still buffered, {Dropped} predictions dropped since start")]
    private partial void LogWritesRecovered(double seconds, int buffered, long dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB write buffer full ({Capacity} points): dropping the oldest predictions (alerts are kept)")]
    private partial void LogDroppingPredictions(int capacity);

    [LoggerMessage(Level = LogLevel.Error, Message = "InfluxDB rejected a batch of {Count} points as malformed; they are not retried")]
    private partial void LogBatchRejected(int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopped with {Count} points not written to InfluxDB")]
    private partial void LogLostAtShutdown(int count);
}
