using System.Globalization;

namespace AtdMonitor.Training.Runs;

/// <summary>Optimiser, schedule and stopping settings of a run.</summary>
public sealed record TrainerOptions
{
    public int Epochs { get; init; } = 20;

    public double LearningRate { get; init; } = 1e-3;

    public double WeightDecay { get; init; } = 0.05;

    /// <summary>Share of all steps spent warming up linearly.</summary>
    public double WarmupFraction { get; init; } = 0.05;

    /// <summary>The cosine's floor as a share of the peak rate.</summary>
    public double FloorFraction { get; init; } = 0.01;

    /// <summary>Gradients are clipped to this global L2 norm.</summary>
    public double GradientClipNorm { get; init; } = 1.0;

    /// <summary>Epochs without a validation improvement before stopping.</summary>
    public int Patience { get; init; } = 5;

    public int Seed { get; init; } = 1;

    /// <summary>Where the model trains: "cpu", "cuda" or "cuda:N" (<see cref="AtdMonitor.Model.Inference.TorchDevice"/>). Not part
    /// of <see cref="Describe"/>: a run may resume on another device.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>A stable text of every setting; a resumed run must have the same.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"epochs={Epochs} lr={LearningRate:R} wd={WeightDecay:R} warmup={WarmupFraction:R} floor={FloorFraction:R} clip={GradientClipNorm:R} patience={Patience} seed={Seed}");
}
