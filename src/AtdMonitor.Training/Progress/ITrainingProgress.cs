using AtdMonitor.Training.Runs;

namespace AtdMonitor.Training.Progress;

/// <summary>Receives a run's progress (console bar, log, nothing).</summary>
public interface ITrainingProgress
{
    void EpochStarted(int epoch, int epochs, int batches);

    void BatchCompleted(int batch, double loss);

    void EpochCompleted(EpochRecord record, string metricName, bool improved);

    void Message(string text);
}
