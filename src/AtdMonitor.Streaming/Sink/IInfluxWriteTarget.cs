namespace AtdMonitor.Streaming.Sink;

/// <summary>Where <see cref="InfluxWriteBuffer"/> sends a batch of line protocol; throws when the store did not take it.</summary>
public interface IInfluxWriteTarget
{
    Task WriteAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken);
}
