using AtdMonitor.Training.Progress;
using AtdMonitor.Training.Runs;

namespace AtdMonitor.Training.Tests.Runs;

public sealed class TrainerTests : IDisposable
{
    private static readonly TrainerOptions Options = new() { Epochs = 3, LearningRate = 5e-2, Patience = 10, Seed = 7 };
    private readonly string _directory = Directory.CreateTempSubdirectory("atd-trainer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_run_interrupted_mid_epoch_and_resumed_ends_with_the_weights_of_an_uninterrupted_run()
    {
        using var uninterrupted = new ToyClassificationTask(seed: 3);
        new Trainer(Options, SilentTrainingProgress.Instance)
            .Run(uninterrupted, new TrainingRunFiles(Path.Combine(_directory, "whole.ckpt")), "toy", resume: false, CancellationToken.None);

        var files = new TrainingRunFiles(Path.Combine(_directory, "split.ckpt"));
        using var cancellation = new CancellationTokenSource();
        using (var first = new ToyClassificationTask(seed: 3))
        {
            var outcome = new Trainer(Options, new CancelAt(epoch: 1, batch: 2, cancellation))
                .Run(first, files, "toy", resume: false, cancellation.Token);
            Assert.True(outcome.Interrupted);
            Assert.Equal(1, outcome.State.CompletedEpochs);
        }

        using var resumed = new ToyClassificationTask(seed: 99); // different initial weights: the resume must load the saved ones
        var final = new Trainer(Options, SilentTrainingProgress.Instance).Run(resumed, files, "toy", resume: true, CancellationToken.None);

        Assert.False(final.Interrupted);
        Assert.Equal(3, final.State.CompletedEpochs);
        Assert.Equal([0, 1, 2], final.State.History.Select(e => e.Epoch));
        Assert.Equal(uninterrupted.Weights(), resumed.Weights());
    }

    [Fact]
    public void Resuming_with_other_settings_says_what_differs()
    {
        var files = new TrainingRunFiles(Path.Combine(_directory, "run.ckpt"));
        using (var task = new ToyClassificationTask(seed: 1))
        {
            new Trainer(Options with { Epochs = 1 }, SilentTrainingProgress.Instance).Run(task, files, "variant=atd", resume: false, CancellationToken.None);
        }

        using var other = new ToyClassificationTask(seed: 1);
        var error = Assert.Throws<TrainingResumeException>(() =>
            new Trainer(Options with { Epochs = 1 }, SilentTrainingProgress.Instance).Run(other, files, "variant=lmf", resume: true, CancellationToken.None));

        Assert.Contains("variant=atd", error.Message, StringComparison.Ordinal);
        Assert.Contains("variant=lmf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_best_epoch_is_checkpointed_and_a_finished_run_says_why_it_ended()
    {
        var files = new TrainingRunFiles(Path.Combine(_directory, "best.ckpt"));
        using var task = new ToyClassificationTask(seed: 5);

        var outcome = new Trainer(Options, SilentTrainingProgress.Instance).Run(task, files, "toy", resume: false, CancellationToken.None);

        Assert.True(File.Exists(files.Checkpoint));
        Assert.True(task.CheckpointsSaved >= 1);
        Assert.Equal("3 epochs done", outcome.State.FinishedBecause);
        Assert.Equal(outcome.State.History.Max(e => e.ValidationMetric), outcome.State.BestMetric);
        Assert.True(outcome.State.BestMetric > 0.8, $"two well separated blobs should be learned, got {outcome.State.BestMetric}");
    }

    [Fact]
    public void The_split_trained_on_is_a_field_of_the_saved_run_state()
    {
        var files = new TrainingRunFiles(Path.Combine(_directory, "split.ckpt"));
        using var task = new ToyClassificationTask(seed: 6);

        new Trainer(Options with { Epochs = 1 }, SilentTrainingProgress.Instance).Run(task, files, "toy", resume: false, CancellationToken.None, split: "Intra");

        Assert.Equal("Intra", TrainingRunState.Load(files.State).Split);
    }
}
