using System.Text.Json;

namespace AtdMonitor.Training.CrossValidation;

/// <summary>One cross-validation run: a fold held out, a seed, and the confusion counts of the final weights on the
/// held-out fold's beats. Stored as JSON, so an interrupted or split-up cross-validation picks its finished runs up.</summary>
/// <param name="Fold">The held-out fold, 1-based.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Settings">Every setting of the run (data, model, trainer); runs of other settings are not mixed.</param>
/// <param name="ClassNames">Row and column names of <paramref name="Counts"/>.</param>
/// <param name="Counts">[truth][predicted] beat counts on the held-out fold.</param>
/// <param name="Seconds">Training time.</param>
public sealed record FoldRun(int Fold, int Seed, string Settings, IReadOnlyList<string> ClassNames, long[][] Counts, double Seconds)
{
    /// <summary>The held-out beats' true classes, in the order of <see cref="Probabilities"/> (absent in runs stored before
    /// they were kept).</summary>
    public int[]? Truth { get; init; }

    /// <summary>The final weights' softmax probabilities of the held-out beats, beat by beat (beats × classes): what an
    /// ensemble of seeds averages (<see cref="CrossValidationReport.Ensembles"/>).</summary>
    public float[]? Probabilities { get; init; }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public void Save(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, JsonOptions));
        File.Move(temporary, path, overwrite: true);
    }

    public static FoldRun Load(string path) =>
        JsonSerializer.Deserialize<FoldRun>(File.ReadAllText(path), JsonOptions)
        ?? throw new InvalidDataException($"{path}: empty cross-validation result.");

    /// <summary>The counts as a confusion matrix.</summary>
    public Metrics.ConfusionMatrix ToMatrix()
    {
        var matrix = new Metrics.ConfusionMatrix(ClassNames);
        AddTo(matrix);
        return matrix;
    }

    /// <summary>Adds the counts to <paramref name="matrix"/> (of the same classes).</summary>
    public void AddTo(Metrics.ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        for (var truth = 0; truth < Counts.Length; truth++)
        {
            for (var predicted = 0; predicted < Counts[truth].Length; predicted++)
            {
                matrix.Add(truth, predicted, Counts[truth][predicted]);
            }
        }
    }
}
