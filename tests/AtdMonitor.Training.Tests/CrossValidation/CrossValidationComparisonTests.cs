using AtdMonitor.Training.CrossValidation;

namespace AtdMonitor.Training.Tests.CrossValidation;

public sealed class CrossValidationComparisonTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("atd-cv-compare-");

    [Fact]
    public void A_setting_is_compared_with_the_reference_only_on_the_folds_and_seeds_both_have()
    {
        FoldRun[] reference = [FoldRuns.WithSBeats(1, 1, correctS: 1), FoldRuns.WithSBeats(2, 1, correctS: 3)];
        FoldRun[] other = [FoldRuns.WithSBeats(1, 1, correctS: 3), FoldRuns.WithSBeats(2, 1, correctS: 3), FoldRuns.WithSBeats(3, 1, correctS: 5)];

        var table = CrossValidationComparison.Paired("reference", reference, [("other", other)]).ToString();

        // S Se: +0.4 on fold 1, 0 on fold 2; fold 3 has no reference run.
        Assert.Contains("| other | 2 |", table, StringComparison.Ordinal);
        Assert.Contains("+0.200 ± 0.283 (1/2)", table, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_holding_runs_of_two_settings_is_refused_with_one_line()
    {
        FoldRuns.WithSBeats(1, 1, correctS: 1).Save(Path.Combine(_directory.FullName, "fold1-seed1.json"));
        (FoldRuns.WithSBeats(2, 1, correctS: 1) with { Settings = "other settings" }).Save(Path.Combine(_directory.FullName, "fold2-seed1.json"));

        var error = Assert.Throws<InvalidDataException>(() => CrossValidationComparison.Load(_directory.FullName));

        Assert.Contains("more than one setting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_folder_is_refused_rather_than_read_as_a_setting_with_no_runs()
    {
        Assert.Throws<InvalidDataException>(() => CrossValidationComparison.Load(_directory.FullName));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
