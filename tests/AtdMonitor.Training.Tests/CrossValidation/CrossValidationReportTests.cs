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

    [Fact]
    public void An_ensemble_calls_each_beat_by_the_mean_probability_of_its_seeds()
    {
        AamiClass[] truth = [AamiClass.N, AamiClass.S];
        // Seed 1 misses the S beat narrowly, seed 2 calls the N beat S narrowly; their mean gets both right.
        FoldRun[] runs =
        [
            FoldRuns.WithProbabilities(1, 1, truth, [(0.9f, 0.1f), (0.55f, 0.45f)]),
            FoldRuns.WithProbabilities(1, 2, truth, [(0.45f, 0.55f), (0.1f, 0.9f)]),
            FoldRuns.WithProbabilities(1, 3, truth, [(0.6f, 0.4f), (0.6f, 0.4f)]),
        ];

        var ensemble = Assert.Single(CrossValidationReport.Ensembles(runs, folds: 1, size: 2));

        Assert.Equal(1, ensemble[(int)AamiClass.N, (int)AamiClass.N]);
        Assert.Equal(1, ensemble[(int)AamiClass.S, (int)AamiClass.S]);
        Assert.Equal(2, ensemble.Total);
        Assert.All(runs.Take(2), run => Assert.Equal(0.5, run.ToMatrix().Accuracy));
    }

    [Fact]
    public void Seeds_that_kept_different_held_out_beats_are_not_ensembled()
    {
        FoldRun[] runs =
        [
            FoldRuns.WithProbabilities(1, 1, [AamiClass.N, AamiClass.S], [(0.9f, 0.1f), (0.2f, 0.8f)]),
            FoldRuns.WithProbabilities(1, 2, [AamiClass.S, AamiClass.N], [(0.9f, 0.1f), (0.2f, 0.8f)]),
        ];

        Assert.Throws<InvalidDataException>(() => CrossValidationReport.Ensembles(runs, folds: 1, size: 2));
    }

    [Fact]
    public void A_run_whose_probabilities_do_not_cover_its_beats_is_refused_with_its_fold_and_seed()
    {
        AamiClass[] truth = [AamiClass.N, AamiClass.S];
        var whole = FoldRuns.WithProbabilities(1, 1, truth, [(0.9f, 0.1f), (0.2f, 0.8f)]);
        var member = FoldRuns.WithProbabilities(1, 2, truth, [(0.9f, 0.1f), (0.2f, 0.8f)]);
        var torn = member with { Probabilities = member.Probabilities![..5] };

        var error = Assert.Throws<InvalidDataException>(() => CrossValidationReport.Ensembles([whole, torn], folds: 1, size: 2));
        Assert.Equal("Fold 1, seed 2: 5 probabilities for 2 beats of 5 classes.", error.Message);
    }

    [Fact]
    public void A_run_stored_with_its_probabilities_reads_them_back_and_an_older_run_reads_without()
    {
        var directory = Directory.CreateTempSubdirectory("atd-cv-").FullName;
        var path = Path.Combine(directory, "fold1-seed1.json");
        var run = FoldRuns.WithProbabilities(1, 1, [AamiClass.N, AamiClass.S], [(0.9f, 0.1f), (0.2f, 0.8f)]);

        run.Save(path);
        var read = FoldRun.Load(path);
        FoldRuns.WithSBeats(1, 2, correctS: 4).Save(path);
        var older = FoldRun.Load(path);

        Assert.Equal(run.Truth, read.Truth);
        Assert.Equal(run.Probabilities, read.Probabilities);
        Assert.Null(older.Probabilities);
        Assert.Empty(CrossValidationReport.Ensembles([older], folds: 1, size: 2));
        Directory.Delete(directory, recursive: true);
    }
}
