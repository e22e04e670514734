using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// Acknowledges to the broker what the <see cref="AcknowledgementLedger"/> released, after flushing the store, every
/// <c>Mqtt:AcknowledgeInterval</c>. It stops after the pipelines have drained, and acknowledges everything then.
/// A flush that does not finish (the store is away) keeps the receipts for the next round: the broker redelivers
/// them only if the worker dies first.
/// </summary>
public sealed partial class AcknowledgementService(AcknowledgementLedger ledger, IMeasurementSink sink, IOptions<MqttOptions> options, ILogger<AcknowledgementService> logger)
    : BackgroundService
{
    private readonly List<IMessageReceipt> _pending = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.AcknowledgeInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await AcknowledgeAsync(everything: false, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: the pipelines have drained; acknowledge the rest once the store has it.
            using var last = new CancellationTokenSource(options.Value.AcknowledgeInterval * 20);
            await AcknowledgeAsync(everything: true, last.Token).ConfigureAwait(false);
        }
    }

    private async Task AcknowledgeAsync(bool everything, CancellationToken cancellationToken)
    {
        _pending.AddRange(ledger.TakeReleased(everything));
        if (_pending.Count == 0)
        {
            return;
        }

        try
        {
            await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogFlushPending(_pending.Count);
            return;
        }

        foreach (var receipt in _pending)
        {
            try
            {
                // Not cancellable: a stop that comes in the middle of this round must not leave half of it unacknowledged
                // (the broker would deliver those again to the next run); a PUBACK is one small packet.
                await receipt.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The connection went away: the broker will deliver the message again, and its writes are idempotent.
                LogAcknowledgeFailed(ex.Message);
            }
        }

        _pending.Clear();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Store flush did not finish; {Count} messages stay unacknowledged for now")]
    private partial void LogFlushPending(int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Acknowledging a message failed ({Reason}); the broker will redeliver it")]
    private partial void LogAcknowledgeFailed(string reason);
}
