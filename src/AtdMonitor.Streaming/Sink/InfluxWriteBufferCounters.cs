namespace AtdMonitor.Streaming.Sink;

/// <summary>What the write buffer has done since start, and what it holds now.</summary>
/// <param name="Written">Points the store accepted.</param>
/// <param name="Buffered">Points waiting (including a batch being retried).</param>
/// <param name="DroppedPredictions">Oldest predictions, forecasts or health points dropped because the buffer was full.</param>
/// <param name="Rejected">Points the store refused as malformed (HTTP 400/413/422); not retried.</param>
/// <param name="FailedWrites">Write attempts that failed and were retried.</param>
public sealed record InfluxWriteBufferCounters(long Written, int Buffered, long DroppedPredictions, long Rejected, long FailedWrites);
