namespace AtdMonitor.Training.Optimization;

/// <summary>
/// Learning rate per optimiser step: linear warm-up from <c>peak / warmupSteps</c> to <c>peak</c> over the
/// first <c>warmupSteps</c> steps, then a half cosine from <c>peak</c> down to <c>floor</c> at the last step.
/// A pure function of the step, so a resumed run continues on the same curve.
/// </summary>
public sealed class WarmupCosineSchedule
{
    public WarmupCosineSchedule(double peakLearningRate, int warmupSteps, int totalSteps, double floorLearningRate = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(peakLearningRate);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(warmupSteps, totalSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(floorLearningRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(floorLearningRate, peakLearningRate);
        PeakLearningRate = peakLearningRate;
        WarmupSteps = warmupSteps;
        TotalSteps = totalSteps;
        FloorLearningRate = floorLearningRate;
    }

    public double PeakLearningRate { get; }

    public int WarmupSteps { get; }

    public int TotalSteps { get; }

    public double FloorLearningRate { get; }

    /// <summary>The rate for the zero-based optimiser step <paramref name="step"/> (clamped to the last step).</summary>
    public double LearningRateAt(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (step < WarmupSteps)
        {
            return PeakLearningRate * (step + 1) / WarmupSteps;
        }

        var decaySteps = TotalSteps - WarmupSteps;
        if (decaySteps <= 1)
        {
            return PeakLearningRate;
        }

        var progress = Math.Min(1.0, (double)(step - WarmupSteps) / (decaySteps - 1));
        return FloorLearningRate + (0.5 * (PeakLearningRate - FloorLearningRate) * (1 + Math.Cos(Math.PI * progress)));
    }
}
