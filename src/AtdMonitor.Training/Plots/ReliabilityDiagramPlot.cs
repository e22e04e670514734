using System.Globalization;
using AtdMonitor.Training.Calibration;
using ScottPlot;

namespace AtdMonitor.Training.Plots;

/// <summary>A reliability diagram: accuracy against mean confidence per confidence bin, before and after calibration,
/// with the diagonal of perfect calibration; the legend gives each ECE.</summary>
public static class ReliabilityDiagramPlot
{
    public static void Save(ReliabilityBins before, ReliabilityBins after, string title, string path, int size = 600)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var plot = PlotFonts.NewPlot();
        plot.Title(title);
        plot.XLabel("confidence (top probability)");
        plot.YLabel("accuracy");
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dotted;
        diagonal.LegendText = "perfect calibration";
        Add(plot, before, "before");
        Add(plot, after, "after");
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, size, size);
    }

    private static void Add(Plot plot, ReliabilityBins bins, string name)
    {
        var filled = Enumerable.Range(0, bins.Counts.Count).Where(b => bins.Counts[b] > 0).ToArray();
        var scatter = plot.Add.Scatter(filled.Select(b => bins.MeanConfidence[b]).ToArray(), filled.Select(b => bins.Accuracy[b]).ToArray());
        scatter.LegendText = string.Create(CultureInfo.InvariantCulture, $"{name} (ECE {bins.ExpectedCalibrationError:F3})");
        scatter.MarkerSize = 8;
    }
}
