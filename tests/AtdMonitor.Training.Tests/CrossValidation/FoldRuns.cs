using AtdMonitor.Data.Beats;
using AtdMonitor.Training.CrossValidation;

namespace AtdMonitor.Training.Tests.CrossValidation;

/// <summary>Small cross-validation runs with known scores.</summary>
internal static class FoldRuns
{
    /// <summary>A run of 15 beats: 10 N right, <paramref name="correctS"/> of 5 S right (the rest called N).</summary>
    public static FoldRun WithSBeats(int fold, int seed, int correctS)
    {
        var counts = new long[AamiMapping.ClassCount][];
        for (var c = 0; c < counts.Length; c++)
        {
            counts[c] = new long[AamiMapping.ClassCount];
        }

        counts[(int)AamiClass.N][(int)AamiClass.N] = 10;
        counts[(int)AamiClass.S][(int)AamiClass.S] = correctS;
        counts[(int)AamiClass.S][(int)AamiClass.N] = 5 - correctS;
        return new FoldRun(fold, seed, "settings", AamiMapping.ClassNames, counts, 1);
    }
}
