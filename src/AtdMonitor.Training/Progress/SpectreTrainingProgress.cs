using System.Globalization;
using AtdMonitor.Training.Runs;
using Spectre.Console;

namespace AtdMonitor.Training.Progress;

/// <summary>
/// A console progress bar per epoch (batch loss in its label) and one line per finished epoch with the
/// losses, the watched metric, the learning rate and the time. Without a terminal (nohup, CI) only the
/// lines are written.
/// </summary>
public sealed class SpectreTrainingProgress : ITrainingProgress
{
    private readonly IAnsiConsole _console;
    private ProgressTask? _task;
    private int _epoch;
    private int _epochs;
    private int _batches;

    private SpectreTrainingProgress(IAnsiConsole console) => _console = console;

    /// <summary>Runs <paramref name="training"/> inside a live progress display on <paramref name="console"/>.</summary>
    public static T Run<T>(IAnsiConsole console, Func<ITrainingProgress, T> training)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(training);
        var reporter = new SpectreTrainingProgress(console);
        if (!console.Profile.Capabilities.Interactive)
        {
            return training(reporter);
        }

        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                reporter.Context = context;
                return training(reporter);
            });
    }

    private ProgressContext? Context { get; set; }

    public void EpochStarted(int epoch, int epochs, int batches)
    {
        _epoch = epoch;
        _epochs = epochs;
        _batches = batches;
        _task?.StopTask();
        _task = Context?.AddTask(Label(double.NaN), maxValue: batches);
    }

    public void BatchCompleted(int batch, double loss)
    {
        if (_task is not null)
        {
            _task.Description = Label(loss);
            _task.Value = batch + 1;
        }
        else if ((batch + 1) % Math.Max(1, _batches / 10) == 0)
        {
            // No live bar without a terminal: a line per tenth of the epoch shows the pace in logs.
            _console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Label(loss)}  batch {batch + 1}/{_batches}  {DateTime.UtcNow:HH:mm:ss}"));
        }
    }

    public void EpochCompleted(EpochRecord record, string metricName, bool improved)
    {
        ArgumentNullException.ThrowIfNull(record);
        _task?.StopTask();
        _console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {record.Epoch + 1,3}/{_epochs}  train loss {record.TrainingLoss:F4}  val loss {record.ValidationLoss:F4}  " +
            $"val {Markup.Escape(metricName)} {record.ValidationMetric:F4}{(improved ? " [green]best[/]" : string.Empty)}  " +
            $"lr {record.LearningRate:E2}  {record.Seconds:F1}s"));
    }

    public void Message(string text) => _console.MarkupLine(Markup.Escape(text));

    private string Label(double loss) => double.IsNaN(loss)
        ? string.Create(CultureInfo.InvariantCulture, $"epoch {_epoch + 1}/{_epochs}")
        : string.Create(CultureInfo.InvariantCulture, $"epoch {_epoch + 1}/{_epochs} loss {loss:F4}");
}
