using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Inference;
using AtdMonitor.Model.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tests;

public sealed class InferenceTests
{
    [Fact]
    public void The_beat_classifier_gives_a_probability_row_per_beat_with_or_without_images()
    {
        using var directory = new TemporaryDirectory();
        var config = TinyConfigs.Arrhythmia();
        TestCheckpoints.Arrhythmia(directory.File("beat.atd"), config);
        using var classifier = BeatClassifier.Load(directory.File("beat.atd"), "cpu");
        const int batch = 3;
        var probabilities = new float[batch * 5];

        classifier.Predict(batch, RandomValues(batch * 32), RandomValues(batch * classifier.RhythmFeatures), RandomValues(batch * 64),
                           [true, false, true], probabilities);

        Assert.Equal(TestCheckpoints.ClassNames, classifier.ClassNames);
        Assert.Equal((32, 16, 8, 8), (classifier.SignalLength, classifier.RhythmFeatures, classifier.ImageRows, classifier.ImageColumns));
        for (var row = 0; row < batch; row++)
        {
            Assert.Equal(1f, probabilities.AsSpan(row * 5, 5).ToArray().Sum(), 4);
        }
    }

    [Fact]
    public void A_checkpoint_without_calibration_gives_the_raw_softmax_and_judges_every_beat()
    {
        using var directory = new TemporaryDirectory();
        TestCheckpoints.Arrhythmia(directory.File("beat.atd"), TinyConfigs.Arrhythmia());
        using var classifier = BeatClassifier.Load(directory.File("beat.atd"));

        Assert.Equal(1, classifier.Calibration.Temperature);
        Assert.Equal(0f, classifier.ConfidenceFloor);
    }

    [Fact]
    public void The_classifier_divides_the_logits_by_the_recorded_temperature_and_exposes_the_floor()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("beat.atd");
        TestCheckpoints.Arrhythmia(path, TinyConfigs.Arrhythmia());
        var signal = RandomValues(32);
        var rhythm = RandomValues(16);
        var image = RandomValues(64);
        var raw = new float[5];
        var calibrated = new float[5];
        using (var classifier = BeatClassifier.Load(path))
        {
            classifier.Predict(1, signal, rhythm, image, [true], raw);
        }

        ModelCheckpoint.WriteCalibration(path, new ClassifierCalibration(4, 0.55f));
        using (var classifier = BeatClassifier.Load(path))
        {
            classifier.Predict(1, signal, rhythm, image, [true], calibrated);
            Assert.Equal(0.55f, classifier.ConfidenceFloor);
        }

        // softmax(z / 4) from softmax(z): log p = z − const, so softmax(log p / 4) is the expected row.
        var expected = raw.Select(p => Math.Exp(Math.Log(p) / 4)).ToArray();
        var sum = expected.Sum();
        for (var c = 0; c < 5; c++)
        {
            Assert.Equal(expected[c] / sum, calibrated[c], 4);
        }
    }

    [Fact]
    public void A_checkpoint_with_the_rhythm_split_head_divides_N_and_S_as_its_head_says()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("beat.atd");
        TestCheckpoints.Arrhythmia(path, TinyConfigs.Arrhythmia() with { RhythmSplitHead = true });
        var rhythm = RandomValues(16);
        var probabilities = new float[5];
        using (var classifier = BeatClassifier.Load(path))
        {
            classifier.Predict(1, RandomValues(32), rhythm, RandomValues(64), [true], probabilities);
        }

        var (checkpoint, model) = ModelCheckpoint.LoadArrhythmia(path);
        using (model)
        {
            using var scope = NewDisposeScope();
            var normalized = rhythm.ToArray();
            checkpoint.NormalizationFor(InputNames.Rhythm).Apply(normalized);
            var head = model.RhythmSplit!.forward(tensor(normalized).unsqueeze(0)).softmax(1).data<float>().ToArray();
            // Relative: the ratio can be far from 1 (an untrained head on random features), where float32 keeps 7 digits.
            Assert.Equal(1.0, (probabilities[1] / probabilities[0]) / (head[1] / head[0]), 3);
        }
    }

    [Fact]
    public void A_missing_image_makes_the_image_values_irrelevant()
    {
        using var directory = new TemporaryDirectory();
        TestCheckpoints.Arrhythmia(directory.File("beat.atd"), TinyConfigs.Arrhythmia());
        using var classifier = BeatClassifier.Load(directory.File("beat.atd"));
        var signal = RandomValues(32);
        var rhythm = RandomValues(classifier.RhythmFeatures);
        var first = new float[5];
        var second = new float[5];

        classifier.Predict(1, signal, rhythm, RandomValues(64), [false], first);
        classifier.Predict(1, signal, rhythm, RandomValues(64), [false], second);

        Assert.Equal(first, second);
    }

    [Fact]
    public void The_series_forecaster_returns_raw_values_for_every_horizon_step_and_variable()
    {
        using var directory = new TemporaryDirectory();
        var config = TinyConfigs.Forecast();
        TestCheckpoints.Forecast(directory.File("ett.atd"), config);
        using var forecaster = SeriesForecaster.Load(directory.File("ett.atd"));
        const int batch = 2;
        var steps = config.LookBack + config.Horizon;
        var calendar = Enumerable.Range(0, batch * steps).SelectMany(step => new[] { step % 24, step / 24 % 7, 3, 5 }).ToArray();
        var history = RandomValues(batch * config.LookBack * 3).Select(value => 20 + (5 * value)).ToArray();
        var output = new float[batch * config.Horizon * 3];

        forecaster.Forecast(batch, history, calendar, output);

        Assert.Equal((16, 4), (forecaster.LookBack, forecaster.Horizon));
        Assert.Equal(TestCheckpoints.VariableNames, forecaster.Variables);
        Assert.All(output, value => Assert.True(float.IsFinite(value)));
    }

    [Fact]
    public void Inputs_of_the_wrong_length_are_rejected_with_the_expected_layout()
    {
        using var directory = new TemporaryDirectory();
        TestCheckpoints.Arrhythmia(directory.File("beat.atd"), TinyConfigs.Arrhythmia());
        using var classifier = BeatClassifier.Load(directory.File("beat.atd"));

        var error = Assert.Throws<ArgumentException>(() =>
            classifier.Predict(2, new float[64], new float[2 * classifier.RhythmFeatures], new float[100], [true, true], new float[10]));

        Assert.Equal("images has 100 values; expected 128 (batch × ImageRows × ImageColumns). (Parameter 'images')", error.Message);
    }

    [Fact]
    public void An_unknown_device_name_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => BeatClassifier.Load("unused.atd", "gpu0"));

        Assert.Contains("'cpu', 'cuda' or 'cuda:N'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disposed_classifier_or_forecaster_refuses_calls_and_may_be_disposed_again()
    {
        using var directory = new TemporaryDirectory();
        var config = TinyConfigs.Forecast();
        TestCheckpoints.Arrhythmia(directory.File("beat.atd"), TinyConfigs.Arrhythmia());
        TestCheckpoints.Forecast(directory.File("ett.atd"), config);
        var classifier = BeatClassifier.Load(directory.File("beat.atd"));
        var forecaster = SeriesForecaster.Load(directory.File("ett.atd"));

        classifier.Dispose();
        classifier.Dispose();
        forecaster.Dispose();
        forecaster.Dispose();

        var refused = Assert.Throws<ObjectDisposedException>(() => classifier.Predict(1, new float[32], new float[classifier.RhythmFeatures], new float[64], [true], new float[5]));
        Assert.Equal(typeof(BeatClassifier).FullName, refused.ObjectName);
        refused = Assert.Throws<ObjectDisposedException>(() =>
            forecaster.Forecast(1, new float[config.LookBack * 3], new int[(config.LookBack + config.Horizon) * 4], new float[config.Horizon * 3]));
        Assert.Equal(typeof(SeriesForecaster).FullName, refused.ObjectName);
    }

    [Fact]
    public void A_thousand_predictions_leave_no_tensor_alive_and_do_not_grow_native_memory()
    {
        using var directory = new TemporaryDirectory();
        TestCheckpoints.Arrhythmia(directory.File("beat.atd"), TinyConfigs.Arrhythmia());
        using var classifier = BeatClassifier.Load(directory.File("beat.atd"));
        const int batch = 16;
        var signals = RandomValues(batch * 32);
        var rhythm = RandomValues(batch * classifier.RhythmFeatures);
        var images = RandomValues(batch * 64);
        var present = Enumerable.Range(0, batch).Select(index => index % 4 != 0).ToArray();
        var probabilities = new float[batch * 5];
        for (var call = 0; call < 50; call++)
        {
            classifier.Predict(batch, signals, rhythm, images, present, probabilities);
        }

        var liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var residentBefore = ResidentBytesAfterCollection();

        for (var call = 0; call < 1000; call++)
        {
            classifier.Predict(batch, signals, rhythm, images, present, probabilities);
        }

        Assert.Equal(liveBefore, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        // The same 1,000 forward passes without a dispose scope grew RSS by about 400 MiB on the 2-core dev
        // machine; allocator and JIT noise stay well under this bound.
        var growth = ResidentBytesAfterCollection() - residentBefore;
        Assert.True(growth < 64L << 20, $"RSS grew by {growth >> 20} MiB");
    }

    private static long ResidentBytesAfterCollection()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }

    private static float[] RandomValues(int count)
    {
        using var scope = NewDisposeScope();
        return randn(count).data<float>().ToArray();
    }
}
