using System.CommandLine;

namespace AtdMonitor.Cli.Commands;

/// <summary><c>atd data</c>: the real datasets: fetch them, score the R-peak detector, the signal-quality noise index of each window, count beats per split, draw beat spectrograms.</summary>
internal static class DataCommand
{
    public static Command Create() => new("data", "The real datasets: fetch, score the R-peak detector, noise index per window, beat counts per split, beat spectrogram images.")
    {
        DataFetchCommand.Create(),
        DataScoreDetectorCommand.Create(),
        DataNoiseIndexCommand.Create(),
        DataStatsCommand.Create(),
        DataImagesCommand.Create(),
    };
}
