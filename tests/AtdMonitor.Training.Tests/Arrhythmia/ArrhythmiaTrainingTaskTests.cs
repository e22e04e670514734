using AtdMonitor.Data.Beats;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Training.Arrhythmia;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Tests.Arrhythmia;

public sealed class ArrhythmiaTrainingTaskTests
{
    private const int Beats = 4;
    private static readonly bool[] Present = [true, false, true, false];

    [Fact]
    public void The_images_of_image_absent_beats_change_neither_the_training_loss_nor_the_validation_loss()
    {
        var dataset = Dataset(seed: 1);

        var baseline = Losses(dataset);
        var absentChanged = Losses(WithImage(dataset, beat: 1, value: 5f));
        var presentChanged = Losses(WithImage(dataset, beat: 0, value: 5f));

        Assert.Equal(baseline, absentChanged);
        Assert.NotEqual(baseline.Training, presentChanged.Training);
        Assert.NotEqual(baseline.Validation, presentChanged.Validation);
    }

    [Fact]
    public void With_the_noise_augmentation_always_on_the_training_loss_is_that_of_the_noisy_copy()
    {
        var clean = Dataset(seed: 1);
        var noisy = Dataset(seed: 2);

        var augmented = Losses(clean, noisy, noiseProbability: 1);
        var noisyOnly = Losses(noisy);
        var off = Losses(clean, noisy, noiseProbability: 0);

        Assert.Equal(noisyOnly.Training, augmented.Training);
        Assert.Equal(Losses(clean).Training, off.Training);
    }

    [Fact]
    public void The_training_loss_is_the_networks_alone_with_or_without_a_rhythm_split_head()
    {
        var dataset = Dataset(seed: 1);

        Assert.Equal(Losses(dataset).Training, Losses(dataset, rhythmSplitHead: true).Training);
    }

    /// <summary>The training loss of one batch of every beat (in the same order) and the validation loss, all beats on both
    /// sides, of the same fresh model (a training step moves the guide's running statistics).</summary>
    private static (float Training, double Validation) Losses(BeatDataset dataset, BeatDataset? noisy = null, double noiseProbability = 0, bool rhythmSplitHead = false)
    {
        random.manual_seed(3);
        using var model = new ArrhythmiaModel(new AtdConfig
        {
            ModelWidth = 16, EncoderLayers = 1, FeedForwardWidth = 32, AttentionHeads = 2, Dropout = 0, ModalityDropout = 0, RhythmSplitHead = rhythmSplitHead,
        });
        var all = Enumerable.Range(0, Beats).ToArray();
        using var training = BeatTensors.Create(dataset, all, []);
        using var validation = BeatTensors.Create(dataset, all, []);
        using var noisyTraining = noisy is null ? null : BeatTensors.Create(noisy, all, []);
        using var task = new ArrhythmiaTrainingTask(model, training, validation, Beats, ClassBalancing.Weights, AamiMapping.ClassNames, [], noisyTraining, noiseProbability);
        task.BeginEpoch(0, new Random(5));
        model.train();
        using var scope = NewDisposeScope();
        var loss = task.TrainingLoss(0).Loss.item<float>();
        model.eval();
        return (loss, task.Validate().Loss);
    }

    private static BeatDataset Dataset(int seed)
    {
        var random = new Random(seed);
        float[] Values(int count) => [.. Enumerable.Range(0, count).Select(_ => (float)random.NextDouble())];
        return new BeatDataset(Values(Beats * BeatSpec.WindowLength), Values(Beats * BeatSpec.RhythmFeatureCount), Values(Beats * BeatDataset.ImageSize),
            [0, 1, 2, 0], ["r", "r", "r", "r"], [10, 20, 30, 40], Present);
    }

    private static BeatDataset WithImage(BeatDataset dataset, int beat, float value)
    {
        var images = dataset.Images.ToArray();
        images.AsSpan(beat * BeatDataset.ImageSize, BeatDataset.ImageSize).Fill(value);
        return new BeatDataset(dataset.Signals, dataset.Rhythm, images, dataset.Labels, dataset.RecordNames, dataset.RPeakSamples, dataset.ImagePresent);
    }
}
