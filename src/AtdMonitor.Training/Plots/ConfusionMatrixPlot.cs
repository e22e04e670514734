using System.Globalization;
using AtdMonitor.Training.Metrics;
using ScottPlot;

namespace AtdMonitor.Training.Plots;

/// <summary>
/// A heatmap of the row-normalised confusion matrix (each row sums to 1, so rare classes stay visible),
/// with the raw counts written in the cells.
/// </summary>
public static class ConfusionMatrixPlot
{
    public static void Save(ConfusionMatrix matrix, string title, string path, int size = 640)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.ClassCount;
        var shares = new double[n, n];
        for (var truth = 0; truth < n; truth++)
        {
            long rowTotal = 0;
            for (var predicted = 0; predicted < n; predicted++)
            {
                rowTotal += matrix[truth, predicted];
            }

            for (var predicted = 0; predicted < n; predicted++)
            {
                shares[truth, predicted] = rowTotal == 0 ? 0 : (double)matrix[truth, predicted] / rowTotal;
            }
        }

        var plot = PlotFonts.NewPlot();
        plot.Title(title);
        var heatmap = plot.Add.Heatmap(shares);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        // The extent spans the centres of the corner cells: cell (truth, predicted) is centred on
        // x = predicted, y = n - 1 - truth, so the truth reads top to bottom.
        heatmap.Extent = new CoordinateRect(0, n - 1, 0, n - 1);
        plot.Add.ColorBar(heatmap).Label = "share of the true class";

        for (var truth = 0; truth < n; truth++)
        {
            for (var predicted = 0; predicted < n; predicted++)
            {
                var text = plot.Add.Text(matrix[truth, predicted].ToString("N0", CultureInfo.InvariantCulture), predicted, n - 1 - truth);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = shares[truth, predicted] > 0.5 ? Colors.Black : Colors.White;
                text.LabelFontSize = 14;
            }
        }

        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, matrix.ClassNames.ToArray());
        plot.Axes.Left.SetTicks(positions, matrix.ClassNames.Reverse().ToArray());
        plot.XLabel("predicted");
        plot.YLabel("reference");
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.SavePng(path, size + 120, size);
    }
}
