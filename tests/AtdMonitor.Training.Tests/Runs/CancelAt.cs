using AtdMonitor.Training.Progress;
using AtdMonitor.Training.Runs;

namespace AtdMonitor.Training.Tests.Runs;

/// <summary>Cancels a run at a given batch of a given epoch, like Ctrl+C would.</summary>
internal sealed class CancelAt(int epoch, int batch, CancellationTokenSource source) : ITrainingProgress
{
    private int _currentEpoch;

    public void EpochStarted(int epoch, int epochs, int batches) => _currentEpoch = epoch;

    public void BatchCompleted(int batch1, double loss)
    {
        if (_currentEpoch == epoch && batch1 == batch)
        {
            source.Cancel();
        }
    }

    public void EpochCompleted(EpochRecord record, string metricName, bool improved)
    {
    }

    public void Message(string text)
    {
    }
}
