using AtdMonitor.Data.Ett;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Training.Plots;
using AtdMonitor.Training.Progress;
using AtdMonitor.Training.Runs;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Forecasting;

/// <summary>
/// One forecast training run on ETT: the protocol's train and validation windows, the z-score fitted on the
/// training rows, the model seeded from the run's seed, the <see cref="Trainer"/> and the training-curve PNG.
/// </summary>
public static class ForecastTraining
{
    public static ForecastTrainingResult Run(ForecastTrainingRequest request, ITrainingProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var series = EttSeries.Create(EttTable.Load(request.CsvPath), request.Univariate ? [EttSeries.Target] : null);
        var config = request.Model with { Variables = series.Variables.Count };
        using var training = series.Windows(EttSplit.Train, config.LookBack, config.Horizon);
        using var validation = series.Windows(EttSplit.Validation, config.LookBack, config.Horizon);
        progress.Message($"{Path.GetFileName(request.CsvPath)} {(request.Univariate ? "univariate (OT)" : $"multivariate ({series.Variables.Count} series)")}, " +
            $"look-back {config.LookBack}, horizon {config.Horizon}: {training.Count} training and {validation.Count} validation windows.");

        random.manual_seed(request.Trainer.Seed);
        using var model = new ForecastModel(config);
        var task = new ForecastTrainingTask(model, training, validation, request.BatchSize, series.Variables, series.ZScore);
        var files = new TrainingRunFiles(request.CheckpointPath);
        var outcome = new Trainer(request.Trainer, progress).Run(task, files, request.Describe(), request.Resume, cancellationToken);
        if (outcome.State.History.Count > 0)
        {
            TrainingCurvePlot.Save(outcome.State, $"ETTh1 forecast ({config.Variant}, look-back {config.LookBack}, horizon {config.Horizon})", files.TrainingCurve);
        }

        return new ForecastTrainingResult(outcome, files);
    }
}
