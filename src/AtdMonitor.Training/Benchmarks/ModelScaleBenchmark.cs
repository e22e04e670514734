using System.Diagnostics;
using AtdMonitor.Data.Beats;
using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Inference;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Model.Variants;
using AtdMonitor.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Benchmarks;

/// <summary>
/// Whether an arrhythmia model of a given size builds, trains and round-trips through a checkpoint on a device, and
/// what that costs: a few training steps (forward, backward, AdamW) on random beats, then save, load and compare.
/// Meant for the paper-scale preset, which is for a GPU; on a CPU it shows that the code path works.
/// </summary>
public static class ModelScaleBenchmark
{
    /// <param name="config">The architecture (task arrhythmia).</param>
    /// <param name="device">"cpu", "cuda" or "cuda:N" (see <see cref="TorchDevice"/>).</param>
    /// <param name="batchSize">Beats per step.</param>
    /// <param name="steps">Training steps to time.</param>
    /// <param name="scratchDirectory">Where the checkpoint is written (and deleted afterwards).</param>
    /// <param name="progress">One line per stage.</param>
    public static ScaleMeasurement Measure(AtdConfig config, string device, int batchSize, int steps, string scratchDirectory, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        var target = TorchDevice.Parse(device);
        PeakMemory.TryReset();
        random.manual_seed(1);
        var clock = Stopwatch.StartNew();
        using var model = new ArrhythmiaModel(config with { Task = ModelTask.Arrhythmia });
        model.to(target);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        var parameters = ParameterCounter.Count(model);
        progress($"built {parameters:N0} parameters on {device} in {buildSeconds:F1} s");

        using var signals = randn(batchSize, config.SignalLength, device: target);
        using var rhythm = randn(batchSize, config.RhythmFeatures, device: target);
        using var images = randn(batchSize, 1, config.ImageRows, config.ImageColumns, device: target);
        using var present = ones(batchSize, dtype: ScalarType.Bool, device: target);
        using var labels = randint(config.Classes, batchSize, dtype: ScalarType.Int64, device: target);
        var stepSeconds = new List<double>();
        model.train();
        using (var optimizer = AdamWOptimizer.ForModel(model, learningRate: 1e-4, weightDecay: 0.05))
        {
            for (var step = 0; step < steps; step++)
            {
                clock.Restart();
                using (NewDisposeScope())
                {
                    optimizer.ZeroGrad();
                    nn.functional.cross_entropy(model.forward(signals, rhythm, images, present), labels).backward();
                    optimizer.Step();
                    Synchronize(target);
                }

                stepSeconds.Add(clock.Elapsed.TotalSeconds);
                progress($"step {step + 1}/{steps}: {stepSeconds[^1]:F1} s");
            }
        }

        var peak = PeakMemory.Bytes();
        var (checkpointBytes, saveSeconds, loadSeconds, difference) = RoundTrip(model, target, scratchDirectory, signals, rhythm, images, present);
        progress($"checkpoint {checkpointBytes / (1024.0 * 1024):F0} MiB: saved in {saveSeconds:F1} s, loaded in {loadSeconds:F1} s, largest logit difference {difference:G3}");
        return new ScaleMeasurement(device, batchSize, parameters, buildSeconds, stepSeconds, Math.Max(peak, PeakMemory.Bytes()),
            checkpointBytes, saveSeconds, loadSeconds, difference);
    }

    private static (long Bytes, double SaveSeconds, double LoadSeconds, double Difference) RoundTrip(
        ArrhythmiaModel model, Device target, string scratchDirectory, Tensor signals, Tensor rhythm, Tensor images, Tensor present)
    {
        Directory.CreateDirectory(scratchDirectory);
        var path = Path.Combine(scratchDirectory, $"scale-{Environment.ProcessId}.ckpt");
        try
        {
            var clock = Stopwatch.StartNew();
            new ModelCheckpoint(model.Config, AamiMapping.ClassNames, []).Save(path, model);
            var saveSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var (_, loaded) = ModelCheckpoint.LoadArrhythmia(path);
            using (loaded)
            {
                loaded.to(target);
                var loadSeconds = clock.Elapsed.TotalSeconds;
                model.eval();
                loaded.eval();
                using var noGrad = no_grad();
                using var scope = NewDisposeScope();
                var difference = (model.forward(signals, rhythm, images, present) - loaded.forward(signals, rhythm, images, present))
                    .abs().max().cpu().item<float>();
                return (new FileInfo(path).Length, saveSeconds, loadSeconds, difference);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA)
        {
            cuda.synchronize();
        }
    }
}
