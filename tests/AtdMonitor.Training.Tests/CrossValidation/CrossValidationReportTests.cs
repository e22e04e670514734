using AtdMonitor.Data.Beats;
using AtdMonitor.Training.CrossValidation;

namespace AtdMonitor.Training.Tests.CrossValidation;

public sealed class CrossValidationReportTests
{
    [Fact]
    public void The_spread_is_the_sample_standard_deviation_of_the_defined_values()
    {
        Assert.Equal("0.500 ± 0.141", CrossValidationReport.MeanAndSpread([0.4, 0.6, double.NaN]));
        Assert.Equal("0.700", CrossValidationReport.MeanAndSpread([0.7]));
        Assert.Equal("–", CrossValidationReport.MeanAndSpread([double.NaN]));
    }

    [Fact]
    public void Only_seeds_with_every_fold_done_are_pooled_into_one_out_of_fold_matrix()
    {
        FoldRun[] runs = [Run(1, 1, correctS: 3), Run(2, 1, correctS: 5), Run(1, 2, correctS: 7)];

        var pooled = CrossValidationReport.Pooled(runs, folds: 2);

        var matrix = Assert.Single(pooled);
        Assert.Equal(8, matrix[(int)AamiClass.S, (int)AamiClass.S]);
        Assert.Equal(2 * 15, matrix.Total);
    }

    [Fact]
    public void A_stored_run_reads_back_with_its_counts_and_settings()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("atd-cv-").FullName, "fold1-seed1.json");
        var run = Run(1, 1, correctS: 4);

        run.Save(path);
        var read = FoldRun.Load(path);

        Assert.Equal(run.Settings, read.Settings);
        Assert.Equal(4, read.ToMatrix()[(int)AamiClass.S, (int)AamiClass.S]);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    /// <summary>A run of 15 beats: 10 N right, <paramref name="correctS"/> of 5 S right (the rest called N).</summary>
    private static FoldRun Run(int fold, int seed, int correctS)
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
