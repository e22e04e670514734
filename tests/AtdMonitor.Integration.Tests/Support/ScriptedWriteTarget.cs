using System.Collections.Concurrent;
using AtdMonitor.Streaming.Sink;
using InfluxDB.Client.Core.Exceptions;

namespace AtdMonitor.Integration.Tests.Support;

/// <summary>A store the test controls: up (keeps every line), down (connection refused), or refusing input as malformed.</summary>
public sealed class ScriptedWriteTarget : IInfluxWriteTarget
{
    private readonly ConcurrentQueue<string> _written = new();
    private volatile StoreState _state = StoreState.Up;

    public StoreState State
    {
        get => _state;
        set => _state = value;
    }

    public IReadOnlyCollection<string> Written => _written;

    public int Attempts { get; private set; }

    /// <summary>Runs after every write the store takes (e.g. more points arriving meanwhile).</summary>
    public Action? AfterWrite { get; set; }

    public Task WriteAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        Attempts++;
        switch (_state)
        {
            case StoreState.Down:
                throw new HttpRequestException("Connection refused (127.0.0.1:8086)");
            case StoreState.RejectingInput:
                throw new BadRequestException("unable to parse line", null);
            default:
                foreach (var line in lines)
                {
                    _written.Enqueue(line);
                }

                AfterWrite?.Invoke();
                return Task.CompletedTask;
        }
    }

    public enum StoreState
    {
        Up,
        Down,
        RejectingInput,
    }
}
