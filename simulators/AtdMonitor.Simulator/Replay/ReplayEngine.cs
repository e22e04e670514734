using System.Diagnostics;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Simulator.Beds;
using AtdMonitor.Simulator.Faults;
using AtdMonitor.Simulator.Publishing;

namespace AtdMonitor.Simulator.Replay;

/// <summary>
/// Sends every bed's windows in time order. Window <c>n</c> of bed <c>b</c> (of B) is due <c>(n + b / B) / speed</c>
/// seconds after the start, so the beds' traffic is spread evenly over each second as independent devices would send
/// it, instead of arriving in one burst. Each window is an ECG message, then its spectrogram, then (optionally) its
/// reference labels; faults are drawn per message from the seeded <see cref="FaultInjector"/>.
/// </summary>
public sealed class ReplayEngine : IDisposable
{
    private readonly SimulatedBed[] _beds;
    private readonly IMessagePublisher _publisher;
    private readonly ReplayOptions _options;
    private readonly IReplayObserver? _observer;
    private readonly FaultInjector _faults;
    private readonly SemaphoreSlim _inFlight;
    private readonly Pending?[] _heldEcg;
    private readonly Pending?[] _heldImages;
    private readonly Queue<(long Due, Pending Message)> _delayedImages = new();

    public ReplayEngine(IReadOnlyList<BedAssignment> beds, IMessagePublisher publisher, ReplayOptions options, IReplayObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(beds);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (beds.Count == 0)
        {
            throw new ArgumentException("A replay needs at least one bed.", nameof(beds));
        }

        var origin = options.Origin ?? DateTimeOffset.UtcNow;
        _beds = [.. beds.Select(b => new SimulatedBed(b, origin))];
        _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
        _options = options;
        _observer = observer;
        _faults = new FaultInjector(options.Faults);
        _inFlight = new SemaphoreSlim(options.MaxInFlight, options.MaxInFlight);
        _heldEcg = new Pending?[_beds.Length];
        _heldImages = new Pending?[_beds.Length];
    }

    public IReadOnlyList<SimulatedBed> Beds => _beds;

    public ReplayStatistics Statistics { get; } = new();

    /// <summary>Sends <see cref="ReplayOptions.Windows"/> windows of every bed, then whatever faults still hold back, and
    /// waits for the last acknowledgements. Cancelling stops at the next message.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // The spectrograms of the records are computed before the clock starts, so the schedule holds from window 0.
        Parallel.ForEach(_beds.Select(b => b.Assignment.Record).Distinct(), record => _ = record.Spectrogram);
        var start = Stopwatch.GetTimestamp();
        var ticksPerWindow = _options.AsFastAsPossible ? 0 : Stopwatch.Frequency / _options.Speed;
        try
        {
            for (long n = 0; n < _options.Windows; n++)
            {
                for (var b = 0; b < _beds.Length; b++)
                {
                    var due = start + (long)((n + ((double)b / _beds.Length)) * ticksPerWindow);
                    await WaitUntilAsync(due, cancellationToken).ConfigureAwait(false);
                    await SendWindowAsync(b, n, cancellationToken).ConfigureAwait(false);
                }
            }

            await FlushHeldAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await DrainAsync().ConfigureAwait(false);
        }
    }

    private async Task WaitUntilAsync(long due, CancellationToken cancellationToken)
    {
        while (true)
        {
            await SendDueImagesAsync(cancellationToken).ConfigureAwait(false);
            var ahead = due - Stopwatch.GetTimestamp();
            if (ahead <= 0)
            {
                if (!_options.AsFastAsPossible)
                {
                    Statistics.RecordLag(Stopwatch.GetElapsedTime(due));
                }

                return;
            }

            var wait = TimeSpan.FromSeconds((double)ahead / Stopwatch.Frequency);
            if (_delayedImages.TryPeek(out var next))
            {
                var untilImage = TimeSpan.FromSeconds(Math.Max(0, (double)(next.Due - Stopwatch.GetTimestamp()) / Stopwatch.Frequency));
                wait = untilImage < wait ? untilImage : wait;
            }

            // Timers tick in milliseconds: a message due within one goes now rather than spinning the CPU the worker needs.
            if (wait < TimeSpan.FromMilliseconds(1))
            {
                return;
            }

            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendWindowAsync(int bedIndex, long sequence, CancellationToken cancellationToken)
    {
        var bed = _beds[bedIndex];
        Statistics.CountWindow();
        var leadsOff = _options.LeadsOff is { } off && sequence >= off.From && sequence < off.To;
        var ecg = WireCodec.Encode(bed.CreateEcg(sequence, leadsOff), _options.SampleFormat);
        _observer?.OnWindowPublished(bedIndex, sequence, Stopwatch.GetTimestamp());
        await EmitAsync(new Pending(TopicSharding.TopicFor(bed.Bed, TopicKind.Ecg, _options.ShardCount), ecg), _heldEcg, bedIndex, isImage: false, cancellationToken).ConfigureAwait(false);
        var image = WireCodec.Encode(bed.CreateSpectrogram(sequence));
        await EmitAsync(new Pending(TopicSharding.TopicFor(bed.Bed, TopicKind.Spectrogram, _options.ShardCount), image), _heldImages, bedIndex, isImage: true, cancellationToken).ConfigureAwait(false);
        if (_options.SendTruth && bed.CreateTruth(sequence) is { } truth)
        {
            await SendAsync(new Pending(TopicSharding.TopicFor(bed.Bed, TopicKind.Truth, _options.ShardCount), WireCodec.Encode(truth)), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EmitAsync(Pending message, Pending?[] held, int bedIndex, bool isImage, CancellationToken cancellationToken)
    {
        var fault = _faults.Next(isImage);
        if (fault == FaultKind.Reorder && held[bedIndex] is not null)
        {
            // One message of a kind is held back at a time; this one goes out as it is and releases the held one.
            fault = FaultKind.None;
        }

        Statistics.Faults.Count(fault);
        switch (fault)
        {
            case FaultKind.Drop:
                break;
            case FaultKind.Duplicate:
                await SendAsync(message, cancellationToken).ConfigureAwait(false);
                await SendAsync(message, cancellationToken).ConfigureAwait(false);
                break;
            case FaultKind.Reorder:
                held[bedIndex] = message;
                return;
            case FaultKind.Corrupt:
                await SendAsync(message with { Payload = _faults.Corrupt(message.Payload) }, cancellationToken).ConfigureAwait(false);
                break;
            case FaultKind.DelayImage:
                _delayedImages.Enqueue((Stopwatch.GetTimestamp() + (long)(_options.Faults.ImageDelay.TotalSeconds * Stopwatch.Frequency), message));
                break;
            default:
                await SendAsync(message, cancellationToken).ConfigureAwait(false);
                break;
        }

        if (held[bedIndex] is { } previous)
        {
            held[bedIndex] = null;
            await SendAsync(previous, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendDueImagesAsync(CancellationToken cancellationToken)
    {
        while (_delayedImages.TryPeek(out var next) && next.Due <= Stopwatch.GetTimestamp())
        {
            _delayedImages.Dequeue();
            await SendAsync(next.Message, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FlushHeldAsync(CancellationToken cancellationToken)
    {
        foreach (var held in new[] { _heldEcg, _heldImages })
        {
            for (var b = 0; b < held.Length; b++)
            {
                if (held[b] is { } message)
                {
                    held[b] = null;
                    await SendAsync(message, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        while (_delayedImages.TryPeek(out var next))
        {
            await WaitUntilAsync(next.Due, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(Pending message, CancellationToken cancellationToken)
    {
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        _ = CompleteAsync(message, cancellationToken);
    }

    private async Task CompleteAsync(Pending message, CancellationToken cancellationToken)
    {
        try
        {
            await _publisher.PublishAsync(message.Topic, message.Payload, cancellationToken).ConfigureAwait(false);
            Statistics.CountPublished(message.Payload.Length);
        }
#pragma warning disable CA1031 // A failed publish is a lost message: counted, and the replay goes on like a device would.
        catch (Exception)
#pragma warning restore CA1031
        {
            Statistics.CountFailed();
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private async Task DrainAsync()
    {
        for (var i = 0; i < _options.MaxInFlight; i++)
        {
            await _inFlight.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _inFlight.Release(_options.MaxInFlight);
    }

    public void Dispose() => _inFlight.Dispose();

    private sealed record Pending(string Topic, byte[] Payload);
}
