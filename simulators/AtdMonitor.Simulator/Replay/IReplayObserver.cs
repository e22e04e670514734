namespace AtdMonitor.Simulator.Replay;

/// <summary>Told about each ECG window as it is handed to the publisher (benchmarks time the pipeline from here).</summary>
public interface IReplayObserver
{
    /// <param name="bedIndex">Index of the bed in the replay's plan.</param>
    /// <param name="sequence">The window's sequence number.</param>
    /// <param name="timestamp">The <see cref="System.Diagnostics.Stopwatch"/> timestamp of the hand-over.</param>
    void OnWindowPublished(int bedIndex, long sequence, long timestamp);
}
