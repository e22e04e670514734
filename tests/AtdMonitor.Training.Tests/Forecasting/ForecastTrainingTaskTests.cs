using AtdMonitor.Data.Ett;
using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Inference;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Model.Variants;
using AtdMonitor.Training.Forecasting;
using AtdMonitor.Training.Progress;
using AtdMonitor.Training.Runs;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Tests.Forecasting;

public sealed class ForecastTrainingTaskTests : IDisposable
{
    private const int LookBack = 16;
    private const int Horizon = 8;
    private readonly string _directory = Directory.CreateTempSubdirectory("atd-forecast-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Two_epochs_on_a_short_series_write_a_checkpoint_the_forecaster_loads_with_the_z_score()
    {
        var table = DailyCycles(rows: 240);
        var scaler = EttScaler.Fit(table, new EttRange(0, 160));
        var training = new EttWindows(table, new EttRange(0, 160), LookBack, Horizon, scaler: scaler);
        var validation = new EttWindows(table, new EttRange(160 - LookBack, 240), LookBack, Horizon, scaler: scaler);
        var config = new AtdConfig
        {
            Task = ModelTask.Forecast, Variant = Variant.Atd, LookBack = LookBack, Horizon = Horizon, Variables = 2,
            ModelWidth = 16, EncoderLayers = 1, FeedForwardWidth = 32, MatchedTokens = 4,
        };
        random.manual_seed(2);
        using var model = new ForecastModel(config);
        var task = new ForecastTrainingTask(model, training, validation, batchSize: 32, EttNormalization.History(table, scaler, training.Variables));
        var files = new TrainingRunFiles(Path.Combine(_directory, "tiny.ckpt"));

        var outcome = new Trainer(new TrainerOptions { Epochs = 2, LearningRate = 3e-3 }, SilentTrainingProgress.Instance)
            .Run(task, files, "test", resume: false, CancellationToken.None);

        Assert.Equal(2, outcome.State.CompletedEpochs);
        Assert.True(double.IsFinite(outcome.State.BestMetric));
        using var forecaster = SeriesForecaster.Load(files.Checkpoint);
        Assert.Equal(["a", "b"], forecaster.Variables);
        Assert.Equal(scaler.Mean, ModelCheckpoint.Read(files.Checkpoint).NormalizationFor(InputNames.History).Mean);
        var output = new float[Horizon * 2];
        forecaster.Forecast(1, new float[LookBack * 2], new int[(LookBack + Horizon) * CalendarFeatures.Fields], output);
        Assert.All(output, value => Assert.True(float.IsFinite(value)));
    }

    /// <summary>Two hourly series with a daily cycle, around different levels.</summary>
    private static EttTable DailyCycles(int rows)
    {
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var times = Enumerable.Range(0, rows).Select(h => start.AddHours(h)).ToArray();
        var a = times.Select((_, h) => 10f + (float)Math.Sin(2 * Math.PI * h / 24)).ToArray();
        var b = times.Select((_, h) => -5f + (2 * (float)Math.Cos(2 * Math.PI * h / 24))).ToArray();
        return new EttTable(["a", "b"], times, [a, b]);
    }
}
