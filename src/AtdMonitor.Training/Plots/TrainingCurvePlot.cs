using AtdMonitor.Training.Runs;
using ScottPlot;

namespace AtdMonitor.Training.Plots;

/// <summary>Training and validation loss (left axis) and the validation metric (right axis) per epoch.</summary>
public static class TrainingCurvePlot
{
    public static void Save(TrainingRunState state, string title, string path, int width = 900, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(state);
        var epochs = state.History.Select(e => (double)(e.Epoch + 1)).ToArray();
        var plot = PlotFonts.NewPlot();
        plot.Title(title);
        plot.XLabel("epoch");
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

        if (state.BestEpoch >= 0)
        {
            var best = plot.Add.VerticalLine(state.BestEpoch + 1);
            best.LegendText = "best epoch";
            best.LinePattern = LinePattern.Dotted;
        }

        plot.ShowLegend(Alignment.UpperCenter);
        plot.SavePng(path, width, height);
    }
}
