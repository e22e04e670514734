using AtdMonitor.Data.Ett;
using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Inference;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Model.Variants;
using AtdMonitor.Training.Forecasting;
using AtdMonitor.Training.Progress;
using AtdMonitor.Training.Runs;
using AtdMonitor.Tests.Shared;
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
        var data = new ForecastTrainingData("daily-cycles.csv", "0123456789abcdef", TimeSpan.FromHours(1), 240, [0, 160], [160 - LookBack, 240], [160 - LookBack, 240],
            LookBack, Horizon, training.Variables);
        var task = new ForecastTrainingTask(model, training, validation, batchSize: 32, EttNormalization.History(table, scaler, training.Variables), data);
        var files = new TrainingRunFiles(Path.Combine(_directory, "tiny.ckpt"));

        var outcome = new Trainer(new TrainerOptions { Epochs = 2, LearningRate = 3e-3 }, SilentTrainingProgress.Instance)
            .Run(task, files, "test", resume: false, CancellationToken.None);

        Assert.Equal(2, outcome.State.CompletedEpochs);
        Assert.True(double.IsFinite(outcome.State.BestMetric));
        using var forecaster = SeriesForecaster.Load(files.Checkpoint);
        Assert.Equal(["a", "b"], forecaster.Variables);
        Assert.Equal(scaler.Mean, ModelCheckpoint.Read(files.Checkpoint).NormalizationFor(InputNames.History).Mean);
        Assert.Equal(data.Describe(), forecaster.TrainingData!.Describe());
        var output = new float[Horizon * 2];
        forecaster.Forecast(1, new float[LookBack * 2], new int[(LookBack + Horizon) * CalendarFeatures.Fields], output);
        Assert.All(output, value => Assert.True(float.IsFinite(value)));
    }

    [Fact]
    public void Training_on_a_15_minute_file_splits_by_its_interval_and_the_checkpoint_records_file_hash_split_and_variables()
    {
        var (csv, result) = TrainOneEpochOnQuarterHourlyData(ForecastArchitecture.DLinear);

        var data = ModelCheckpoint.Read(result.Files.Checkpoint).Data!;
        Assert.Equal(("quarter-hourly.csv", TimeSpan.FromMinutes(15), SyntheticEtt.QuarterHourlyRows), (data.File, data.Interval, data.Rows));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(csv))), data.Sha256);
        Assert.Equal([0, 12 * 30 * 96], data.Train);
        Assert.Equal([(12 * 30 * 96) - 96, 16 * 30 * 96], data.Validation);
        Assert.Equal([(16 * 30 * 96) - 96, 20 * 30 * 96], data.Test);
        Assert.Equal((96, 96), (data.LookBack, data.Horizon));
        Assert.Equal(["LOAD", "OT"], data.Variables);

        using var forecaster = SeriesForecaster.Load(result.Files.Checkpoint);
        var evaluation = ForecastEvaluation.Evaluate(forecaster, EttTable.Load(csv));
        Assert.Equal((4 * 30 * 96) - 96 + 1, evaluation.Windows);
        Assert.True(evaluation.Errors.MeanSquaredError < 0.1, $"A linear model should follow a clean daily cycle; test MSE {evaluation.Errors.MeanSquaredError}.");
    }

    [Theory]
    [InlineData(ForecastLoss.Mse)]
    [InlineData(ForecastLoss.Mae)]
    public void The_training_loss_is_the_chosen_error_over_every_window_step_and_variable(ForecastLoss loss)
    {
        using var scope = NewDisposeScope();
        var table = DailyCycles(rows: 120);
        var scaler = EttScaler.Fit(table, new EttRange(0, 120));
        var windows = new EttWindows(table, new EttRange(0, 120), LookBack, Horizon, scaler: scaler);
        var config = new AtdConfig { Task = ModelTask.Forecast, ForecastArchitecture = ForecastArchitecture.RLinear, LookBack = LookBack, Horizon = Horizon, Variables = 2 };
        using var model = new ForecastModel(config);
        var data = new ForecastTrainingData("daily-cycles.csv", "0123456789abcdef", TimeSpan.FromHours(1), 120, [0, 120], [0, 120], [0, 120], LookBack, Horizon, windows.Variables);
        var task = new ForecastTrainingTask(model, windows, windows, batchSize: windows.Count, EttNormalization.History(table, scaler, windows.Variables), data, loss);
        int n = windows.Count, v = windows.Variables.Count;
        var (history, future, calendar) = (new float[n * LookBack * v], new float[n * Horizon * v], new int[n * (LookBack + Horizon) * CalendarFeatures.Fields]);
        windows.Fill([.. Enumerable.Range(0, n)], history, future, calendar);
        var error = model.forward(tensor(history).reshape(n, LookBack, v), tensor(calendar).to(ScalarType.Int64).reshape(n, LookBack + Horizon, CalendarFeatures.Fields))
            - tensor(future).reshape(n, Horizon, v);

        task.BeginEpoch(1, new Random(1));
        var (value, samples) = task.TrainingLoss(0);

        var expected = loss == ForecastLoss.Mae ? error.abs().mean() : error.square().mean();
        Assert.Equal(windows.Count, samples);
        Assert.Equal(expected.item<float>(), value.item<float>(), 5);
    }

    [Fact]
    public void RLinear_learns_a_clean_daily_cycle_and_its_checkpoint_loads_as_RLinear()
    {
        var (csv, result) = TrainOneEpochOnQuarterHourlyData(ForecastArchitecture.RLinear);

        Assert.Equal(ForecastArchitecture.RLinear, ModelCheckpoint.Read(result.Files.Checkpoint).Config.ForecastArchitecture);
        using var forecaster = SeriesForecaster.Load(result.Files.Checkpoint);
        var evaluation = ForecastEvaluation.Evaluate(forecaster, EttTable.Load(csv));
        Assert.True(evaluation.Errors.MeanSquaredError < 0.1, $"RevIN and a linear map should follow a clean daily cycle; test MSE {evaluation.Errors.MeanSquaredError}.");
    }

    [Fact]
    public void A_learned_daily_cycle_forecasts_a_days_shape_that_a_short_look_back_cannot_see()
    {
        // Every day has the same irregular profile; 16 hours of history do not show the hours about to come.
        var profile = Enumerable.Range(0, 24).Select(h => (float)h / 6).ToArray();
        new Random(3).Shuffle(profile);
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var times = Enumerable.Range(0, 24 * 40).Select(h => start.AddHours(h)).ToArray();
        var table = new EttTable(["a"], times, [[.. times.Select(t => profile[t.Hour])]]);

        var (plain, _) = TrainRLinear(table, dailyCycle: false);
        var (cyclic, checkpoint) = TrainRLinear(table, dailyCycle: true);

        Assert.True(cyclic < plain / 4, $"validation MSE with the daily cycle {cyclic}, without {plain}");
        Assert.True(ModelCheckpoint.Read(checkpoint).Config.DailyCycle);
        using var forecaster = SeriesForecaster.Load(checkpoint);
        Assert.Equal(["a"], forecaster.Variables);
    }

    [SkippableFact]
    public void The_shipped_forecaster_is_RLinear_with_a_daily_cycle_and_scores_its_documented_ETTh1_test_mse()
    {
        var shipped = Path.Combine(TestData.Models, "etth1-rlinear-cycle.ckpt");
        var config = ModelCheckpoint.Read(shipped).Config;
        using var forecaster = SeriesForecaster.Load(shipped);

        var evaluation = ForecastEvaluation.Evaluate(forecaster, EttTable.Load(Path.Combine(TestData.RequireEtt(), "ETTh1.csv")));

        Assert.Equal((ForecastArchitecture.RLinear, true, 96, 96), (config.ForecastArchitecture, config.DailyCycle, config.LookBack, config.Horizon));
        Assert.Equal(2785, evaluation.Windows);
        Assert.Equal(0.3776, evaluation.Errors.MeanSquaredError, 5e-4); // docs/RESULTS.md, section 2.5
    }

    /// <summary>RLinear, with or without a daily cycle, trained for 20 epochs on the first 30 days: its best validation MSE
    /// on the last 10 and its checkpoint.</summary>
    private (double ValidationMse, string Checkpoint) TrainRLinear(EttTable table, bool dailyCycle)
    {
        var (train, validate) = (new EttRange(0, 24 * 30), new EttRange((24 * 30) - LookBack, 24 * 40));
        var scaler = EttScaler.Fit(table, train);
        var training = new EttWindows(table, train, LookBack, Horizon, scaler: scaler);
        var validation = new EttWindows(table, validate, LookBack, Horizon, scaler: scaler);
        var config = new AtdConfig
        {
            Task = ModelTask.Forecast, ForecastArchitecture = ForecastArchitecture.RLinear, DailyCycle = dailyCycle, LookBack = LookBack, Horizon = Horizon, Variables = 1,
        };
        random.manual_seed(1);
        using var model = new ForecastModel(config);
        var data = new ForecastTrainingData("profile.csv", "0123456789abcdef", TimeSpan.FromHours(1), table.RowCount, [0, train.End], [validate.Start, validate.End],
            [validate.Start, validate.End], LookBack, Horizon, training.Variables);
        var task = new ForecastTrainingTask(model, training, validation, batchSize: 32, EttNormalization.History(table, scaler, training.Variables), data);
        var files = new TrainingRunFiles(Path.Combine(_directory, $"profile-{dailyCycle}.ckpt"));
        var outcome = new Trainer(new TrainerOptions { Epochs = 20, LearningRate = 1e-2, WeightDecay = 0 }, SilentTrainingProgress.Instance)
            .Run(task, files, "test", resume: false, CancellationToken.None);
        return (outcome.State.BestMetric, files.Checkpoint);
    }

    /// <summary>One epoch of a reference forecaster (look-back and horizon 96) on a synthetic 15-minute file written in the test's folder.</summary>
    private (string Csv, ForecastTrainingResult Result) TrainOneEpochOnQuarterHourlyData(ForecastArchitecture architecture)
    {
        var csv = SyntheticEtt.WriteQuarterHourly(Path.Combine(_directory, "quarter-hourly.csv"));
        var model = new AtdConfig { Task = ModelTask.Forecast, ForecastArchitecture = architecture, LookBack = 96, Horizon = 96 };
        var request = new ForecastTrainingRequest(csv, Univariate: false, model, new TrainerOptions { Epochs = 1, LearningRate = 5e-3, WeightDecay = 0 }, 512,
            Path.Combine(_directory, "quarter-hourly.ckpt"), Resume: false);
        return (csv, ForecastTraining.Run(request, SilentTrainingProgress.Instance, CancellationToken.None));
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
