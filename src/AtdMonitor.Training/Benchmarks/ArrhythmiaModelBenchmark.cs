using System.Diagnostics;
using AtdMonitor.Data.Beats;
using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Inference;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Benchmarks;

/// <summary>
/// Speed of the arrhythmia model per variant. Inference goes through <see cref="BeatClassifier"/> (span in,
/// normalisation, one dispose scope, span out: the worker's path) on a checkpoint of freshly initialised
/// weights, since speed does not depend on the weight values. Training times forward, backward and an AdamW
/// step on random beats.
/// </summary>
public sealed class ArrhythmiaModelBenchmark
{
    private const int WarmUpCalls = 3;
    private const int MinimumCalls = 5;
    private readonly AtdConfig _config;
    private readonly TimeSpan _duration;
    private readonly string _scratchDirectory;

    /// <param name="config">The architecture; its variant is replaced per measurement.</param>
    /// <param name="durationPerMeasurement">How long each (batch size, threads) point is measured.</param>
    /// <param name="scratchDirectory">Where the temporary checkpoints go.</param>
    public ArrhythmiaModelBenchmark(AtdConfig config, TimeSpan durationPerMeasurement, string scratchDirectory)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config with { Task = ModelTask.Arrhythmia };
        _duration = durationPerMeasurement;
        _scratchDirectory = scratchDirectory;
    }

    public IReadOnlyList<InferenceMeasurement> MeasureInference(Model.Variants.Variant variant, string device, IReadOnlyList<int> threadCounts, IReadOnlyList<int> batchSizes)
    {
        ArgumentNullException.ThrowIfNull(threadCounts);
        ArgumentNullException.ThrowIfNull(batchSizes);
        var path = SaveFreshCheckpoint(variant);
        try
        {
            using var classifier = BeatClassifier.Load(path, device);
            var results = new List<InferenceMeasurement>();
            foreach (var threads in threadCounts)
            {
                set_num_threads(threads);
                foreach (var batch in batchSizes)
                {
                    results.Add(MeasureBatch(classifier, variant, device, threads, batch));
                }
            }

            return results;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public TrainingMeasurement MeasureTraining(Model.Variants.Variant variant, string device, int threads, int batchSize)
    {
        set_num_threads(threads);
        PeakMemory.TryReset();
        var target = new Device(device);
        random.manual_seed(1);
        using var model = new ArrhythmiaModel(_config with { Variant = variant });
        model.to(target);
        model.train();
        using var optimizer = AdamWOptimizer.ForModel(model, learningRate: 1e-3, weightDecay: 0.05);
        using var signals = randn(batchSize, _config.SignalLength, device: target);
        using var rhythm = randn(batchSize, _config.RhythmFeatures, device: target);
        using var images = randn(batchSize, 1, _config.ImageRows, _config.ImageColumns, device: target);
        using var present = ones(batchSize, dtype: ScalarType.Bool, device: target);
        using var labels = randint(_config.Classes, batchSize, dtype: ScalarType.Int64, device: target);

        void Step()
        {
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            nn.functional.cross_entropy(model.forward(signals, rhythm, images, present), labels).backward();
            optimizer.Step();
            Synchronize(target);
        }

        var (calls, elapsed) = Repeat(Step, _ => { });
        return new TrainingMeasurement(variant, device, threads, batchSize, calls * batchSize / elapsed.TotalSeconds, PeakMemory.Bytes());
    }

    private InferenceMeasurement MeasureBatch(BeatClassifier classifier, Model.Variants.Variant variant, string device, int threads, int batch)
    {
        var generator = new Random(batch);
        var signals = RandomValues(generator, batch * classifier.SignalLength);
        var rhythm = RandomValues(generator, batch * classifier.RhythmFeatures);
        var images = RandomValues(generator, batch * classifier.ImageRows * classifier.ImageColumns);
        var present = Enumerable.Repeat(true, batch).ToArray();
        var probabilities = new float[batch * classifier.ClassNames.Count];
        var latencies = new List<double>();
        var (calls, elapsed) = Repeat(
            () => classifier.Predict(batch, signals, rhythm, images, present, probabilities),
            latencies.Add);
        latencies.Sort();
        return new InferenceMeasurement(variant, device, threads, batch, calls * batch / elapsed.TotalSeconds,
            latencies.Average(), latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(0.95 * latencies.Count) - 1)]);
    }

    /// <summary>Warms up, then calls <paramref name="call"/> until the duration and the minimum count are reached.</summary>
    private (int Calls, TimeSpan Elapsed) Repeat(Action call, Action<double> latencyMilliseconds)
    {
        for (var i = 0; i < WarmUpCalls; i++)
        {
            call();
        }

        var total = Stopwatch.StartNew();
        var calls = 0;
        while (calls < MinimumCalls || total.Elapsed < _duration)
        {
            var started = Stopwatch.GetTimestamp();
            call();
            latencyMilliseconds(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            calls++;
        }

        return (calls, total.Elapsed);
    }

    private string SaveFreshCheckpoint(Model.Variants.Variant variant)
    {
        Directory.CreateDirectory(_scratchDirectory);
        var path = Path.Combine(_scratchDirectory, $"bench-{variant}-{Environment.ProcessId}.ckpt");
        random.manual_seed(1);
        var config = _config with { Variant = variant };
        using var model = new ArrhythmiaModel(config);
        new ModelCheckpoint(config, AamiMapping.ClassNames, []).Save(path, model);
        return path;
    }

    private static float[] RandomValues(Random generator, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)((generator.NextDouble() * 2) - 1);
        }

        return values;
    }

    private static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA)
        {
            cuda.synchronize();
        }
    }
}
