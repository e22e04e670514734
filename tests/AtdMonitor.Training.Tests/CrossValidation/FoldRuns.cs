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

    /// <summary>A run that kept its held-out beats' probabilities: each row of <paramref name="probabilities"/> is one beat's
    /// N and S probabilities (V, F and Q get none); its counts are those of the row's larger probability.</summary>
    public static FoldRun WithProbabilities(int fold, int seed, AamiClass[] truth, (float N, float S)[] probabilities)
    {
        var classes = AamiMapping.ClassCount;
        var counts = new long[classes][];
        for (var c = 0; c < classes; c++)
        {
            counts[c] = new long[classes];
        }

        var rows = new float[truth.Length * classes];
        for (var beat = 0; beat < truth.Length; beat++)
        {
            rows[(beat * classes) + (int)AamiClass.N] = probabilities[beat].N;
            rows[(beat * classes) + (int)AamiClass.S] = probabilities[beat].S;
            counts[(int)truth[beat]][(int)(probabilities[beat].S > probabilities[beat].N ? AamiClass.S : AamiClass.N)]++;
        }

        return new FoldRun(fold, seed, "settings", AamiMapping.ClassNames, counts, 1) { Truth = [.. truth.Select(c => (int)c)], Probabilities = rows };
    }
}
