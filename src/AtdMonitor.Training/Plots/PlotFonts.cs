using ScottPlot;

namespace AtdMonitor.Training.Plots;

/// <summary>
/// Registers a system TrueType font with ScottPlot before the first plot. The Linux SkiaSharp native build
/// used here has no fontconfig, so fonts are not found by family name and text would be left out of the PNGs.
/// </summary>
internal static class PlotFonts
{
    private const string Family = "AtdPlotSans";

    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/System/Library/Fonts/Supplemental/Arial.ttf",
        @"C:\Windows\Fonts\arial.ttf",
    ];

    private static readonly Lazy<bool> Registered = new(Register);

    /// <summary>A new plot whose text uses the registered font (when one was found).</summary>
    public static Plot NewPlot()
    {
        var plot = new Plot();
        if (Registered.Value)
        {
            plot.Font.Set(Family);
        }

        return plot;
    }

    private static bool Register()
    {
        var path = Candidates.FirstOrDefault(File.Exists);
        if (path is null)
        {
            return false;
        }

        Fonts.AddFontFile(Family, path);
        return true;
    }
}
