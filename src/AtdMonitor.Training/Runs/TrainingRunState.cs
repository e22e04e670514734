using System.Text.Json;
using System.Text.Json.Serialization;

namespace AtdMonitor.Training.Runs;

/// <summary>
/// What a run must remember to continue after an interruption: the settings it was started with, how far it
/// got, and the early-stopping tracker. Saved as JSON after every epoch, beside the last weights and the
/// optimiser state (see <see cref="TrainingRunFiles"/>).
/// </summary>
public sealed class TrainingRunState
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    /// <summary>The settings that must be equal for a resume (task, variant, data, seed, schedule ...).</summary>
    public required string Settings { get; init; }

    /// <summary>The data split the model is trained on (an arrhythmia <c>BeatProtocol</c> name: <c>Inter</c>, <c>Intra</c>);
    /// null when the task has none. <c>atd eval</c> reads it to warn when a test split overlaps the training beats.</summary>
    public string? Split { get; init; }

    /// <summary>The name of <see cref="EpochRecord.ValidationMetric"/>, e.g. "macro-F1" or "MSE".</summary>
    public required string MetricName { get; init; }

    public int CompletedEpochs { get; set; }

    /// <summary>Optimiser steps taken so far (the schedule's position).</summary>
    public int Step { get; set; }

    public double BestMetric { get; set; } = double.NaN;

    public int BestEpoch { get; set; } = -1;

    public int EpochsWithoutImprovement { get; set; }

    /// <summary>Why the run ended (epochs done, early stop); null while it can go on.</summary>
    public string? FinishedBecause { get; set; }

    public List<EpochRecord> History { get; init; } = [];

    public double TotalSeconds => History.Sum(e => e.Seconds);

    public void Save(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, JsonOptions));
        File.Move(temporary, path, overwrite: true);
    }

    public static TrainingRunState Load(string path)
    {
        var state = JsonSerializer.Deserialize<TrainingRunState>(File.ReadAllText(path), JsonOptions)
            ?? throw new InvalidDataException($"{path}: empty training state.");
        if (state.Version != CurrentVersion)
        {
            throw new InvalidDataException($"{path}: training state version {state.Version}, this build reads version {CurrentVersion}.");
        }

        return state;
    }
}
