namespace AtdMonitor.Simulator.Publishing;

/// <summary>Sends one message to a topic. Safe to call again before an earlier call has completed.</summary>
public interface IMessagePublisher : IAsyncDisposable
{
    Task PublishAsync(string topic, byte[] payload, CancellationToken cancellationToken);
}
