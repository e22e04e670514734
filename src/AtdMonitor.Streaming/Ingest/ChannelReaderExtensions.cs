using System.Threading.Channels;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>How a service consumes one of the <see cref="IngestChannels"/>.</summary>
public static class ChannelReaderExtensions
{
    /// <summary>Hands every message to <paramref name="handle"/> until <paramref name="stoppingToken"/> is cancelled,
    /// then hands it what is still queued: a message taken from the broker is never left behind at shutdown.</summary>
    public static async Task ConsumeUntilStoppedAsync<T>(this ChannelReader<T> reader, Action<T> handle, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(handle);
        try
        {
            await foreach (var message in reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                handle(message);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            while (reader.TryRead(out var message))
            {
                handle(message);
            }
        }
    }
}
