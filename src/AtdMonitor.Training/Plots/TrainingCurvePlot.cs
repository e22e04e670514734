using AtdMonitor.Training.Runs;
using ScottPlot;

namespace AtdMonitor.Training.Plots;

/// <summary>
/// Training and validation loss (left axis) and the validation metric (right axis) per epoch, the best epoch marked on
/// the metric's curve; epochs are whole numbers on the axis, and the legend sits below the plot so it hides no point.
/// </summary>
public static class TrainingCurvePlot
{
    public static void Save(TrainingRunState state, string title, string path, int width = 900, int height = 500) =>
        Create(state, title).SavePng(path, width, height);

    /// <summary>The plot, not yet rendered.</summary>
    public static Plot Create(TrainingRunState state, string title)
    {
        ArgumentNullException.ThrowIfNull(state);
        var epochs = state.History.Select(e => (double)(e.Epoch + 1)).ToArray();
        var plot = PlotFonts.NewPlot();
        plot.Title(title);
        plot.XLabel("epoch");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.YLabel("loss");

        var training = plot.Add.Scatter(epochs, state.History.Select(e => e.TrainingLoss).ToArray());
        training.LegendText = "training loss";
        var validation = plot.Add.Scatter(epochs, state.History.Select(e => e.ValidationLoss).ToArray());
        validation.LegendText = "validation loss";

        var metric = plot.Add.Scatter(epochs, state.History.Select(e => e.ValidationMetric).ToArray());
        metric.LegendText = "validation " + state.MetricName;
        metric.LinePattern = LinePattern.Dashed;
        metric.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = state.MetricName;

        if (state.History.FirstOrDefault(e => e.Epoch == state.BestEpoch) is { } bestEpoch)
        {
            var best = plot.Add.VerticalLine(bestEpoch.Epoch + 1);
            best.LegendText = "best epoch";
            best.LinePattern = LinePattern.Dotted;
            var point = plot.Add.Marker(bestEpoch.Epoch + 1, bestEpoch.ValidationMetric, MarkerShape.FilledCircle, size: 9);
            point.Axes.YAxis = plot.Axes.Right;
            point.LegendText = $"best {state.MetricName} {bestEpoch.ValidationMetric:G4}";
        }

        plot.ShowLegend(Edge.Bottom);
        return plot;
    }
}
