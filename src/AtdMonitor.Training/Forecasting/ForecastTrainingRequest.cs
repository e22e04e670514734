using AtdMonitor.Model.Configuration;
using AtdMonitor.Training.Runs;

namespace AtdMonitor.Training.Forecasting;

/// <summary>Everything <c>atd train --task forecast</c> was asked for.</summary>
/// <param name="CsvPath">The ETT-style CSV (by default ETTh1.csv of the data folder).</param>
/// <param name="Univariate">OT alone instead of all seven series.</param>
/// <param name="Model">Architecture, including look-back and horizon.</param>
/// <param name="Trainer">Optimiser and schedule.</param>
/// <param name="BatchSize">Windows per step.</param>
/// <param name="CheckpointPath">Where the best epoch's checkpoint goes.</param>
/// <param name="Resume">Continue an interrupted run of the same settings.</param>
public sealed record ForecastTrainingRequest(string CsvPath, bool Univariate, AtdConfig Model, TrainerOptions Trainer, int BatchSize, string CheckpointPath, bool Resume)
{
    /// <summary>The file read when no <c>--ett</c> is given: the ETTh1 data set inside the data folder's ett/.</summary>
    public const string DefaultEttFile = "ETTh1.csv";

    /// <summary>What training minimises; validation is MSE either way.</summary>
    public ForecastLoss Loss { get; init; } = ForecastLoss.Mse;

    public string Describe() =>
        $"task=forecast data={Path.GetFileName(CsvPath)} univariate={Univariate} batch={BatchSize} loss={Loss.ToString().ToLowerInvariant()} model={ConfigText.Of(Model)}";
}
