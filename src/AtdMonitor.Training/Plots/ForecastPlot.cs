using ScottPlot;

namespace AtdMonitor.Training.Plots;

/// <summary>One series of one window: the look-back history, the true future and the forecast.</summary>
public static class ForecastPlot
{
    public static void Save(ReadOnlySpan<float> history, ReadOnlySpan<float> truth, ReadOnlySpan<float> forecast, string title, string yLabel, string path, int width = 1000, int height = 450)
    {
        if (truth.Length != forecast.Length)
        {
            throw new ArgumentException($"{truth.Length} true values but {forecast.Length} forecast values.", nameof(forecast));
        }

        var plot = PlotFonts.NewPlot();
        plot.Title(title);
        plot.XLabel("steps (rows of the file) from the forecast origin");
        plot.YLabel(yLabel);

        var past = plot.Add.Scatter(Steps(-history.Length, history.Length), ToDouble(history));
        past.LegendText = "history (look-back)";
        past.MarkerSize = 0;
        var future = plot.Add.Scatter(Steps(0, truth.Length), ToDouble(truth));
        future.LegendText = "truth";
        future.MarkerSize = 0;
        var predicted = plot.Add.Scatter(Steps(0, forecast.Length), ToDouble(forecast));
        predicted.LegendText = "forecast";
        predicted.MarkerSize = 0;
        predicted.LineWidth = 2;
        predicted.LinePattern = LinePattern.Dashed;
        plot.Add.VerticalLine(0).LinePattern = LinePattern.Dotted;

        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, width, height);
    }

    private static double[] Steps(int first, int count) => Enumerable.Range(first, count).Select(i => (double)i).ToArray();

    private static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }
}
