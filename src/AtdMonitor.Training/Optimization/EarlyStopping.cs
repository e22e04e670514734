namespace AtdMonitor.Training.Optimization;

/// <summary>
/// Tracks the best value of a validation metric and says when it has not improved for
/// <see cref="Patience"/> epochs in a row.
/// </summary>
public sealed class EarlyStopping
{
    public EarlyStopping(int patience, bool higherIsBetter, double minimumImprovement = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumImprovement);
        Patience = patience;
        HigherIsBetter = higherIsBetter;
        MinimumImprovement = minimumImprovement;
    }

    public int Patience { get; }

    public bool HigherIsBetter { get; }

    public double MinimumImprovement { get; }

    /// <summary>The best value seen; NaN before the first observation.</summary>
    public double Best { get; private set; } = double.NaN;

    /// <summary>The epoch of <see cref="Best"/>; -1 before the first observation.</summary>
    public int BestEpoch { get; private set; } = -1;

    public int EpochsWithoutImprovement { get; private set; }

    public bool ShouldStop => EpochsWithoutImprovement >= Patience;

    /// <summary>Records one epoch's value; true when it is a new best (a NaN value never is).</summary>
    public bool Observe(int epoch, double value)
    {
        var improved = !double.IsNaN(value) && (double.IsNaN(Best) || (HigherIsBetter
            ? value > Best + MinimumImprovement
            : value < Best - MinimumImprovement));
        if (improved)
        {
            Best = value;
            BestEpoch = epoch;
            EpochsWithoutImprovement = 0;
        }
        else
        {
            EpochsWithoutImprovement++;
        }

        return improved;
    }

    /// <summary>Restores the tracker from a saved run (see <see cref="Runs.TrainingRunState"/>).</summary>
    public void Restore(double best, int bestEpoch, int epochsWithoutImprovement)
    {
        Best = best;
        BestEpoch = bestEpoch;
        EpochsWithoutImprovement = epochsWithoutImprovement;
    }
}
