namespace AtdMonitor.Training.Runs;

/// <summary>
/// Where a run writes: the best epoch's checkpoint at <see cref="Checkpoint"/>, and beside it a
/// <c>.run</c> folder with what resuming needs (state, last weights, optimiser state) and the
/// training-curve PNG.
/// </summary>
public sealed class TrainingRunFiles
{
    public TrainingRunFiles(string checkpointPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpointPath);
        Checkpoint = Path.GetFullPath(checkpointPath);
        RunDirectory = Checkpoint + ".run";
    }

    /// <summary>The best epoch's checkpoint, the run's product.</summary>
    public string Checkpoint { get; }

    public string RunDirectory { get; }

    public string State => Path.Combine(RunDirectory, "state.json");

    public string LastWeights => Path.Combine(RunDirectory, "last-weights.bin");

    public string OptimizerState => Path.Combine(RunDirectory, "optimizer.bin");

    public string TrainingCurve => Path.ChangeExtension(Checkpoint, ".curve.png");

    public bool CanResume => File.Exists(State) && File.Exists(LastWeights) && File.Exists(OptimizerState);

    public void Create()
    {
        Directory.CreateDirectory(RunDirectory);
        var parent = Path.GetDirectoryName(Checkpoint);
        if (!string.IsNullOrEmpty(parent))
        {
            Directory.CreateDirectory(parent);
        }
    }
}
