using AtdMonitor.Data.Ett;
using AtdMonitor.Model.Inference;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Training.Plots;
using AtdMonitor.Training.Progress;
using AtdMonitor.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Forecasting;

/// <summary>
/// One forecast training run on an ETT-style file: the data layer's standard protocol (<see cref="EttBenchmark"/>:
/// 12/4/4 months at the file's own interval, z-score fitted on the training rows), the model seeded from the run's
/// seed, the <see cref="Trainer"/>, a checkpoint that records the file and split, and the training-curve PNG.
/// </summary>
public static class ForecastTraining
{
    public static ForecastTrainingResult Run(ForecastTrainingRequest request, ITrainingProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var table = EttTable.Load(request.CsvPath);
        var mode = request.Univariate ? EttMode.Univariate : EttMode.Multivariate;
        var benchmark = EttBenchmark.Create(table, request.Model.LookBack, request.Model.Horizon, mode);
        var variables = benchmark.Train.Variables;
        var config = request.Model with { Variables = variables.Count };
        var data = EttTrainingData.Of(request.CsvPath, table, benchmark.Split, config.LookBack, config.Horizon, variables);
        progress.Message($"{data.Describe()}: {data.DescribeSplit()}.");
        progress.Message($"{ForecastModelLabel.Of(config)}, {(request.Univariate ? "univariate (OT)" : $"multivariate ({variables.Count} series)")}, " +
            $"look-back {config.LookBack}, horizon {config.Horizon}: {benchmark.Train.Count} training and {benchmark.Validation.Count} validation windows.");

        random.manual_seed(request.Trainer.Seed);
        using var model = new ForecastModel(config);
        var device = TorchDevice.Parse(request.Trainer.Device);
        model.to(device);
        var task = new ForecastTrainingTask(model, benchmark.Train, benchmark.Validation, request.BatchSize,
            EttNormalization.History(table, benchmark.Scaler, variables), data, request.Loss, device);
        var files = new TrainingRunFiles(request.CheckpointPath);
        var outcome = new Trainer(request.Trainer, progress).Run(task, files, request.Describe(), request.Resume, cancellationToken);
        if (outcome.State.History.Count > 0)
        {
            TrainingCurvePlot.Save(outcome.State, $"{data.File} forecast ({ForecastModelLabel.Of(config)}, look-back {config.LookBack}, horizon {config.Horizon})", files.TrainingCurve);
        }

        return new ForecastTrainingResult(outcome, files);
    }
}
