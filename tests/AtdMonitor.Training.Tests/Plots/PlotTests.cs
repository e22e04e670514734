using AtdMonitor.Training.Metrics;
using AtdMonitor.Training.Plots;
using AtdMonitor.Training.Runs;

namespace AtdMonitor.Training.Tests.Plots;

public sealed class PlotTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string _directory = Directory.CreateTempSubdirectory("atd-plots-").FullName;

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("ATD_KEEP_PLOTS") is not { Length: > 0 } keep)
        {
            Directory.Delete(_directory, recursive: true);
            return;
        }

        Directory.CreateDirectory(keep);
        foreach (var file in Directory.GetFiles(_directory))
        {
            File.Copy(file, Path.Combine(keep, Path.GetFileName(file)), overwrite: true);
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void The_training_curve_is_written_as_a_png()
    {
        var state = new TrainingRunState { Settings = "test", MetricName = "macro-F1", BestEpoch = 1 };
        state.History.Add(new EpochRecord(0, 0.9, 0.8, 0.5, 1e-3, 1, 100));
        state.History.Add(new EpochRecord(1, 0.5, 0.6, 0.7, 5e-4, 1, 100));
        var path = Path.Combine(_directory, "curve.png");

        TrainingCurvePlot.Save(state, "toy", path);

        AssertPng(path);
    }

    [Fact]
    public void The_training_curve_has_whole_epochs_on_its_axis_and_marks_the_best_point_in_the_legend()
    {
        var state = new TrainingRunState { Settings = "test", MetricName = "macro-F1", BestEpoch = 2 };
        for (var epoch = 0; epoch < 4; epoch++)
        {
            state.History.Add(new EpochRecord(epoch, 1.0 / (epoch + 1), 1.1 / (epoch + 1), 0.5 + (0.1 * epoch), 1e-3, 1, 100));
        }

        var plot = TrainingCurvePlot.Create(state, "toy");
        plot.GetImage(600, 400).Dispose();

        var ticks = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Position).ToList();
        Assert.NotEmpty(ticks);
        Assert.All(ticks, position => Assert.Equal(Math.Round(position), position));
        Assert.Contains(plot.Legend.GetItems(), item => item.LabelText == "best macro-F1 0.7");
    }

    [Fact]
    public void The_confusion_matrix_is_written_as_a_png()
    {
        var matrix = new ConfusionMatrix(["N", "S", "V", "F", "Q"]);
        matrix.AddRange([0, 0, 1, 2, 3], [0, 1, 1, 2, 0]);
        var path = Path.Combine(_directory, "confusion.png");

        ConfusionMatrixPlot.Save(matrix, "toy", path);

        AssertPng(path);
    }

    [Fact]
    public void The_forecast_is_written_as_a_png()
    {
        var path = Path.Combine(_directory, "forecast.png");

        ForecastPlot.Save([1f, 2f, 3f], [4f, 5f], [4.5f, 4.8f], "toy", "OT", path);

        AssertPng(path);
    }

    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} is only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
    }
}
