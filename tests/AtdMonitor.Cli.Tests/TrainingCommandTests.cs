using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Tests.Shared;
using AtdMonitor.TestSupport;

namespace AtdMonitor.Cli.Tests;

public sealed class TrainingCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("atd-cli-training-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Train_rejects_an_unknown_variant_and_lists_the_valid_ones()
    {
        var (exitCode, _, error) = AtdInvocation.Invoke("train", "--variant", "transformer");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("transformer", error, StringComparison.Ordinal);
        Assert.Contains("cross-attention", error, StringComparison.Ordinal);
        Assert.Contains("signal-only", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_rejects_a_horizon_outside_the_benchmark_ones()
    {
        var (exitCode, _, error) = AtdInvocation.Invoke("train", "--task", "forecast", "--horizon", "100");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("720", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_says_what_the_data_folder_lacks()
    {
        var (exitCode, _, error) = AtdInvocation.Invoke("train", "--data", _directory);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{_directory} has no mitdb/100.hea", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_names_every_bad_number_at_once()
    {
        var (exitCode, _, error) = AtdInvocation.Invoke("train", "--epochs", "0", "--lr", "5", "--modality-dropout", "1.5", "--data", _directory);

        Assert.Equal(2, exitCode);
        Assert.Contains("--epochs must be a positive whole number", error, StringComparison.Ordinal);
        Assert.Contains("--lr must be in (0, 1)", error, StringComparison.Ordinal);
        Assert.Contains("--modality-dropout must be in [0, 1)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_model_refuses_a_size_preset_together_with_an_explicit_width()
    {
        var (exitCode, _, error) = AtdInvocation.Invoke("bench", "model", "--size", "paper", "--width", "64");

        Assert.Equal(2, exitCode);
        Assert.Contains("--size sets the encoder shape; leave out --width", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_model_counts_parameters_and_flops_of_each_guide_reading_at_a_size_preset()
    {
        var (exitCode, output, _) = AtdInvocation.Invoke("bench", "model", "--size", "shipped", "--variant", "atd", "concat", "--counts-only");

        Assert.Equal(0, exitCode);
        Assert.Contains("| atd | 38,789 |", output, StringComparison.Ordinal); // the shipped checkpoints' count
        Assert.Contains("| atd, per-modality Guide | 42,981 |", output, StringComparison.Ordinal);
        Assert.Contains("| concat | 32,485 |", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_refuses_a_record_subset_for_the_inter_patient_split()
    {
        var (exitCode, _, error) = AtdInvocation.Invoke("train", "--split", "inter", "--records", "100", "101");

        Assert.Equal(2, exitCode);
        Assert.Contains("--records needs --split intra", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_refuses_a_device_it_does_not_know_or_cuda_on_a_machine_without_it_in_one_line()
    {
        var unknown = AtdInvocation.Invoke("train", "--device", "gpu");
        var cuda = AtdInvocation.Invoke("train", "--device", "cuda:0");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("atd train: --device: Device 'gpu' is not 'cpu', 'cuda' or 'cuda:N'.", unknown.Error.Trim());
        if (TorchSharp.torch.cuda.is_available())
        {
            return;
        }

        Assert.Equal(2, cuda.ExitCode);
        Assert.Single(cuda.Error.Trim().Split('\n'));
        Assert.Contains("--device: Device 'cuda:0' was asked for but CUDA is not available", cuda.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_refuses_cross_validation_outside_the_inter_patient_arrhythmia_protocol_and_folds_without_it()
    {
        var intra = AtdInvocation.Invoke("train", "--cv", "--split", "intra");
        var folds = AtdInvocation.Invoke("train", "--folds", "1", "2");

        Assert.Equal(2, intra.ExitCode);
        Assert.Contains("--cv cross-validates an arrhythmia model inside DS1", intra.Error, StringComparison.Ordinal);
        Assert.Equal(2, folds.ExitCode);
        Assert.Contains("--folds, --seeds and --score-beats go with --cv", folds.Error, StringComparison.Ordinal);
    }

    /// <summary>A small arrhythmia model with its initial weights, saved as beat.ckpt in the test's folder.</summary>
    private string UntrainedArrhythmiaCheckpoint()
    {
        var checkpoint = Path.Combine(_directory, "beat.ckpt");
        RandomCheckpoint.WriteArrhythmia(checkpoint);
        return checkpoint;
    }

    [Fact]
    public void Eval_adds_noise_only_to_the_inter_patient_test_records()
    {
        var checkpoint = UntrainedArrhythmiaCheckpoint();

        var (exitCode, _, error) = AtdInvocation.Invoke("eval", "--checkpoint", checkpoint, "--split", "intra", "--noise", "12");

        Assert.Equal(2, exitCode);
        Assert.Contains("--noise scores an arrhythmia checkpoint on DS2 (inter split)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_scores_the_beats_where_the_streams_detector_finds_them_when_asked()
    {
        var checkpoint = UntrainedArrhythmiaCheckpoint();

        var (exitCode, output, error) = AtdInvocation.Invoke("eval", "--checkpoint", checkpoint, "--split", "intra", "--records", "100", "--beats", "detected",
            "--data", TestData.Samples, "--cache", _directory);

        Assert.True(exitCode == 0, error);
        Assert.Contains("intra-patient test beats, beats where the stream's detector finds them", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory, "beat.detected.intra.confusion.png")));
    }

    [Fact]
    public void Eval_cv_refuses_a_folder_without_cross_validation_runs_in_one_line()
    {
        var (exitCode, _, error) = AtdInvocation.Invoke("eval", "cv", _directory);

        Assert.Equal(2, exitCode);
        Assert.Equal($"atd eval cv: {_directory}: holds no finished cross-validation run (fold*-seed*.json).", error.Trim());
    }

    [Fact]
    public void Eval_cv_refuses_an_ensemble_of_one_seed_in_one_line()
    {
        var (exitCode, _, error) = AtdInvocation.Invoke("eval", "cv", _directory, "--ensemble", "1");

        Assert.Equal(2, exitCode);
        Assert.Equal("atd eval cv: --ensemble must be at least 2 (got 1).", error.Trim());
    }

    [Fact]
    public void Eval_rejects_a_checkpoint_that_does_not_exist()
    {
        var missing = Path.Combine(_directory, "missing.ckpt");

        var (exitCode, _, error) = AtdInvocation.Invoke("eval", "--checkpoint", missing);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"--checkpoint {missing} does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_rejects_a_file_that_is_not_a_checkpoint()
    {
        var notACheckpoint = Path.Combine(_directory, "notes.ckpt");
        File.WriteAllText(notACheckpoint, "hello");

        var (exitCode, _, error) = AtdInvocation.Invoke("eval", "--checkpoint", notACheckpoint);

        Assert.Equal(2, exitCode);
        Assert.Contains("is not a checkpoint archive", error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_two_epoch_arrhythmia_run_writes_a_checkpoint_that_eval_scores_and_resume_checks_the_settings()
    {
        var data = Path.GetDirectoryName(TestData.RequireMitdb())!;
        var checkpoint = Path.Combine(_directory, "tiny.ckpt");
        string[] tiny = ["--data", data, "--cache", _directory, "--split", "intra", "--records", "100", "--width", "16", "--layers", "1", "--batch-size", "128", "--seed", "3"];

        var train = AtdInvocation.Invoke(["train", "--epochs", "2", "--out", checkpoint, .. tiny]);

        Assert.True(train.ExitCode == 0, train.Error);
        Assert.True(File.Exists(checkpoint));
        Assert.True(File.Exists(Path.ChangeExtension(checkpoint, ".curve.png")));
        Assert.Contains("epoch   2/2", train.Output, StringComparison.Ordinal);

        var eval = AtdInvocation.Invoke("eval", "--checkpoint", checkpoint, "--split", "intra", "--records", "100", "--data", data, "--cache", _directory);

        Assert.True(eval.ExitCode == 0, eval.Error);
        Assert.Contains("Calibration (validation): temperature", train.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.ChangeExtension(checkpoint, ".reliability.png")));
        Assert.True(ModelCheckpoint.Read(checkpoint).Calibration.Temperature != 1);
        Assert.Contains("| Class | Beats | Se | PPV | F1 |", eval.Output, StringComparison.Ordinal);
        Assert.Contains("| Confidence floor | Beats judged | Coverage |", eval.Output, StringComparison.Ordinal);
        Assert.Contains("| truth \\ predicted | N | S | V | F | Q | unclassifiable |", eval.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory, "tiny.intra.confusion.png")));

        var otherVariant = AtdInvocation.Invoke(["train", "--epochs", "2", "--out", checkpoint, "--resume", "--variant", "concat", .. tiny]);

        Assert.Equal(2, otherVariant.ExitCode);
        Assert.Contains("Cannot resume", otherVariant.Error, StringComparison.Ordinal);
        Assert.Contains("\"Variant\":\"Concat\"", otherVariant.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_forecast_checkpoint_is_scored_on_the_ett_test_windows_and_refuses_an_arrhythmia_split()
    {
        var data = Path.GetDirectoryName(TestData.RequireEtt())!;
        var checkpoint = Path.Combine(_directory, "forecast.ckpt");
        // A freshly initialised tiny model: this checks the scoring path, not the training (covered in the training tests).
        var config = new AtdConfig { Task = ModelTask.Forecast, LookBack = 96, Horizon = 96, Variables = 1, ModelWidth = 16, EncoderLayers = 1, FeedForwardWidth = 32 };
        using (var model = new ForecastModel(config))
        {
            new ModelCheckpoint(config, ["OT"], []).Save(checkpoint, model);
        }

        var refused = AtdInvocation.Invoke("eval", "--checkpoint", checkpoint, "--data", data);
        var eval = AtdInvocation.Invoke("eval", "--checkpoint", checkpoint, "--data", data, "--other-data");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("does not record the data it was trained on", refused.Error, StringComparison.Ordinal);
        Assert.True(eval.ExitCode == 0, eval.Error);
        Assert.Contains("Note: other data (--other-data)", eval.Output, StringComparison.Ordinal);
        Assert.Contains("| OT | 96 | 96 | 2,785 |", eval.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory, "forecast.forecast.png")));

        var wrongSplit = AtdInvocation.Invoke("eval", "--checkpoint", checkpoint, "--split", "inter", "--data", data);

        Assert.Equal(2, wrongSplit.ExitCode);
        Assert.Contains("forecast checkpoint", wrongSplit.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_forecaster_trained_on_a_15_minute_file_is_scored_on_it_and_refuses_another_file_unless_told()
    {
        var csv = SyntheticEtt.WriteQuarterHourly(Path.Combine(_directory, "quarter-hourly.csv"));
        var other = SyntheticEtt.WriteQuarterHourly(Path.Combine(_directory, "shifted.csv"), phase: 1);
        var checkpoint = Path.Combine(_directory, "dlinear.ckpt");

        var train = AtdInvocation.Invoke("train", "--task", "forecast", "--ett", csv, "--architecture", "dlinear", "--epochs", "1", "--batch-size", "512", "--out", checkpoint);
        var eval = AtdInvocation.Invoke("eval", "--checkpoint", checkpoint, "--ett", csv);
        var refused = AtdInvocation.Invoke("eval", "--checkpoint", checkpoint, "--ett", other);
        var told = AtdInvocation.Invoke("eval", "--checkpoint", checkpoint, "--ett", other, "--other-data");

        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Contains("quarter-hourly.csv (SHA-256", train.Output, StringComparison.Ordinal);
        Assert.Contains("57,600 rows every 00:15:00", train.Output, StringComparison.Ordinal);
        Assert.True(eval.ExitCode == 0, eval.Error);
        Assert.Contains("on the quarter-hourly.csv test windows (rows 45984–57600 every 00:15:00", eval.Output, StringComparison.Ordinal);
        Assert.Contains("| LOAD,OT | 96 | 96 | 11,425 |", eval.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Note: other data", eval.Output, StringComparison.Ordinal);
        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith("atd eval: the checkpoint was trained on quarter-hourly.csv (SHA-256", refused.Error, StringComparison.Ordinal);
        Assert.Contains("not on shifted.csv", refused.Error, StringComparison.Ordinal);
        Assert.EndsWith("give --other-data to score it anyway.", refused.Error.Trim(), StringComparison.Ordinal);
        Assert.True(told.ExitCode == 0, told.Error);
        Assert.Contains("Note: other data (--other-data): the checkpoint was trained on quarter-hourly.csv", told.Output, StringComparison.Ordinal);
    }
}
