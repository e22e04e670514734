using AtdMonitor.Training.Runs;

namespace AtdMonitor.Training.Progress;

/// <summary>Reports nothing (tests, benchmarks).</summary>
public sealed class SilentTrainingProgress : ITrainingProgress
{
    public static SilentTrainingProgress Instance { get; } = new();

    public void EpochStarted(int epoch, int epochs, int batches)
    {
    }

    public void BatchCompleted(int batch, double loss)
    {
    }

    public void EpochCompleted(EpochRecord record, string metricName, bool improved)
    {
    }

    public void Message(string text)
    {
    }
}
