using System.Collections.Concurrent;
using AtdMonitor.Simulator.Publishing;

namespace AtdMonitor.Simulator.Tests;

/// <summary>Keeps every published message, in order, instead of sending it.</summary>
internal sealed class CapturingPublisher : IMessagePublisher
{
    public ConcurrentQueue<(string Topic, byte[] Payload)> Messages { get; } = new();

    public Task PublishAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        Messages.Enqueue((topic, payload));
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
