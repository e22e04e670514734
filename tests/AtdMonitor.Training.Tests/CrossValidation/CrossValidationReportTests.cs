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
        FoldRun[] runs = [FoldRuns.WithSBeats(1, 1, correctS: 3), FoldRuns.WithSBeats(2, 1, correctS: 5), FoldRuns.WithSBeats(1, 2, correctS: 7)];

        var pooled = CrossValidationReport.Pooled(runs, folds: 2);

        var matrix = Assert.Single(pooled);
        Assert.Equal(8, matrix[(int)AamiClass.S, (int)AamiClass.S]);
        Assert.Equal(2 * 15, matrix.Total);
    }

    [Fact]
    public void A_stored_run_reads_back_with_its_counts_and_settings()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("atd-cv-").FullName, "fold1-seed1.json");
        var run = FoldRuns.WithSBeats(1, 1, correctS: 4);

        run.Save(path);
        var read = FoldRun.Load(path);

        Assert.Equal(run.Settings, read.Settings);
        Assert.Equal(4, read.ToMatrix()[(int)AamiClass.S, (int)AamiClass.S]);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
