using System.CommandLine;
using System.Globalization;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Variants;
using AtdMonitor.Training.Benchmarks;
using AtdMonitor.Training.Reports;
using static TorchSharp.torch;

namespace AtdMonitor.Cli.Commands;

/// <summary><c>atd bench</c>: benchmarks; <c>atd bench model</c> counts and measures the models per variant and size.</summary>
internal static class BenchCommand
{
    private static readonly int[] BatchSizes = [1, 8, 64, 256];
    private static readonly int[] ThreadCounts = [1, 2];
    private const int TrainingBatchSize = 256;

    public static Command Create()
    {
        var command = new Command("bench", "Benchmarks the model and the pipeline.");
        command.Subcommands.Add(CreateModel());
        return command;
    }

    private static Command CreateModel()
    {
        var variants = new Option<string[]>("--variant") { Description = "Variants to measure [default: all six].", AllowMultipleArgumentsPerToken = true };
        variants.AcceptOnlyFromAmong([.. TrainingChoices.Variants.Keys]);
        var seconds = new Option<double>("--seconds") { Description = "Measuring time per point.", DefaultValueFactory = _ => 1.0 };
        var width = new Option<int>("--width") { Description = "Model width d (as in atd train).", DefaultValueFactory = _ => new AtdConfig().ModelWidth };
        var layers = new Option<int>("--layers") { Description = "Transformer layers per encoder (as in atd train).", DefaultValueFactory = _ => new AtdConfig().EncoderLayers };
        var feedForward = new Option<int>("--feed-forward") { Description = "Feed-forward width (as in atd train).", DefaultValueFactory = _ => new AtdConfig().FeedForwardWidth };
        var rounds = new Option<int>("--fusion-rounds") { Description = "K, ATD Fusion rounds (as in atd train).", DefaultValueFactory = _ => new AtdConfig().FusionRounds };
        var size = new Option<string?>("--size")
        {
            Description = "Encoder size preset instead of --width/--layers/--feed-forward: shipped (d 32, 1 layer), default (d 64, 2 layers) " +
                "or paper (d 1024, 10 layers, ~270M parameters: a few training steps, memory and a checkpoint round trip instead of the speed tables).",
        };
        size.AcceptOnlyFromAmong([.. Sizes.Keys]);
        var device = new Option<string>("--device") { Description = "With --size paper: cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var steps = new Option<int>("--steps") { Description = "With --size paper: training steps to time.", DefaultValueFactory = _ => 3 };
        var batchSize = new Option<int>("--batch-size") { Description = "With --size paper: beats per training step.", DefaultValueFactory = _ => 8 };
        var countsOnly = new Option<bool>("--counts-only") { Description = "Print the parameter and FLOP counts only." };
        var command = new Command("model",
            "Arrhythmia model per variant: parameter and FLOP counts for both tasks; inference beats/s and latency per batch size (1, 8, 64, 256) " +
            "and thread count (1, 2), training beats/s and peak RSS, on the CPU (and CUDA when present). With --size paper: training steps, memory and a checkpoint round trip.")
        {
            variants, seconds, width, layers, feedForward, rounds, size, device, steps, batchSize, countsOnly,
        };
        command.SetAction((parseResult, _) =>
        {
            var problems = TrainingOptions.NonPositive(parseResult, width, layers, feedForward, rounds, steps, batchSize).ToList();
            if (parseResult.GetValue(seconds) is not (> 0 and <= 60))
            {
                problems.Add("--seconds must be in (0, 60].");
            }

            var explicitShape = new Option[] { width, layers, feedForward }.Where(option => parseResult.GetResult(option) is { Implicit: false }).ToList();
            if (parseResult.GetValue(size) is not null && explicitShape.Count > 0)
            {
                problems.Add($"--size sets the encoder shape; leave out {string.Join(", ", explicitShape.Select(option => option.Name))}.");
            }

            if (problems.Count > 0)
            {
                return Task.FromResult(TrainingOptions.Fail(parseResult, "bench model", string.Join(" ", problems)));
            }

            var output = parseResult.InvocationConfiguration.Output;
            var chosen = parseResult.GetValue(variants) is { Length: > 0 } names ? names.Select(n => TrainingChoices.Variants[n]).ToArray() : Enum.GetValues<Variant>();
            var shape = new AtdConfig
            {
                ModelWidth = parseResult.GetValue(width),
                EncoderLayers = parseResult.GetValue(layers),
                FeedForwardWidth = parseResult.GetValue(feedForward),
                FusionRounds = parseResult.GetValue(rounds),
            };
            var preset = parseResult.GetValue(size) is { } sizeName ? Sizes[sizeName] : (ModelSize?)null;
            var config = preset is { } known ? shape.WithSize(known) : shape;
            WriteCounts(output, config, chosen, preset);
            if (parseResult.GetValue(countsOnly))
            {
                return Task.FromResult(0);
            }

            if (preset == ModelSize.Paper)
            {
                var measured = TrainingOptions.Guard(parseResult, "bench model", () => ModelScaleBenchmark.Measure(config with { Variant = chosen[0] },
                    parseResult.GetValue(device)!, parseResult.GetValue(batchSize), parseResult.GetValue(steps), Path.GetTempPath(),
                    parseResult.InvocationConfiguration.Error.WriteLine));
                if (measured is null)
                {
                    return Task.FromResult(TrainingOptions.FailureExitCode);
                }

                WriteScale(output, chosen[0], measured);
                return Task.FromResult(0);
            }

            Run(output, parseResult.InvocationConfiguration.Error, config, chosen, TimeSpan.FromSeconds(parseResult.GetValue(seconds)));
            return Task.FromResult(0);
        });
        return command;
    }

    private static readonly IReadOnlyDictionary<string, ModelSize> Sizes = new Dictionary<string, ModelSize>(StringComparer.Ordinal)
    {
        ["shipped"] = ModelSize.Shipped,
        ["default"] = ModelSize.Default,
        ["paper"] = ModelSize.Paper,
    };

    /// <summary>Parameters and forward FLOPs per variant for both tasks; for ATD also with the per-modality Guide and without a Guide.</summary>
    private static void WriteCounts(TextWriter output, AtdConfig config, IReadOnlyList<Variant> variants, ModelSize? preset)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# atd bench model: size {(preset is { } p ? p.ToString() : "custom")}: d={config.ModelWidth}, {config.EncoderLayers} layer(s), feed-forward {config.FeedForwardWidth}, {config.AttentionHeads} heads, T = {config.MatchedTokens}, K = {config.FusionRounds}"));
        output.WriteLine();
        output.WriteLine("## Parameters and forward FLOPs per variant (FLOPs per beat / per window)");
        output.WriteLine();
        var table = new MarkdownTable("Variant", "Arrhythmia parameters:", "Arrhythmia FLOPs:", "Forecast parameters (ETTh1, 7 series, LB 96, H 96):", "Forecast FLOPs:");
        var rows = variants.SelectMany(variant => variant == Variant.Atd
            ? new[] { ("atd", config with { Variant = variant }),
                      ("atd, per-modality Guide", config with { Variant = variant, Guide = GuideKind.PerModality }),
                      ("atd, no Guide", config with { Variant = variant, Guide = GuideKind.None }) }
            : [(TrainingChoices.NameOf(variant), config with { Variant = variant })]);
        foreach (var (name, row) in rows)
        {
            var arrhythmia = row with { Task = ModelTask.Arrhythmia };
            var forecast = row with { Task = ModelTask.Forecast, LookBack = 96, Horizon = 96, Variables = 7 };
            table.AddRow(name,
                MarkdownTable.Count(ParameterCounter.Count(arrhythmia)), MarkdownTable.Count(FlopCounter.ForwardFlops(arrhythmia)),
                MarkdownTable.Count(ParameterCounter.Count(forecast)), MarkdownTable.Count(FlopCounter.ForwardFlops(forecast)));
        }

        output.WriteLine(table.ToString());
    }

    private static void WriteScale(TextWriter output, Variant variant, ScaleMeasurement m)
    {
        output.WriteLine();
        output.WriteLine($"## Training steps and checkpoint round trip ({TrainingChoices.NameOf(variant)}, arrhythmia, {m.Device}, batch {m.BatchSize}, {Environment.ProcessorCount} logical CPUs)");
        output.WriteLine();
        var table = new MarkdownTable("Parameters:", "Build (s):", "Step times (s):", "Peak RSS (MiB):", "Checkpoint (MiB):", "Save (s):", "Load (s):", "Largest logit difference after loading:");
        table.AddRow(MarkdownTable.Count(m.Parameters), MarkdownTable.Number(m.BuildSeconds, 1),
            string.Join(", ", m.StepSeconds.Select(seconds => seconds.ToString("F1", CultureInfo.InvariantCulture))),
            MarkdownTable.Number(m.PeakResidentBytes / (1024.0 * 1024), 0), MarkdownTable.Number(m.CheckpointBytes / (1024.0 * 1024), 0),
            MarkdownTable.Number(m.SaveSeconds, 1), MarkdownTable.Number(m.LoadSeconds, 1), m.LargestOutputDifference.ToString("G3", CultureInfo.InvariantCulture));
        output.WriteLine(table.ToString());
    }

    private static void Run(TextWriter output, TextWriter progress, AtdConfig config, IReadOnlyList<Variant> variants, TimeSpan duration)
    {
        var devices = cuda.is_available() ? new[] { "cpu", "cuda" } : ["cpu"];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} logical CPUs, devices: {string.Join(", ", devices)}"));
        var benchmark = new ArrhythmiaModelBenchmark(config, duration, Path.GetTempPath());
        var inference = new MarkdownTable("Variant", "Device", "Threads:", "Batch:", "Beats/s:", "Mean latency (ms):", "p95 latency (ms):");
        var training = new MarkdownTable("Variant", "Device", "Threads:", "Batch:", "Training beats/s:", "Peak RSS (MiB):");
        foreach (var device in devices)
        {
            foreach (var variant in variants)
            {
                progress.WriteLine($"measuring {TrainingChoices.NameOf(variant)} on {device} ...");
                var threadCounts = device == "cpu" ? ThreadCounts : [ThreadCounts[^1]];
                foreach (var m in benchmark.MeasureInference(variant, device, threadCounts, BatchSizes))
                {
                    inference.AddRow(TrainingChoices.NameOf(m.Variant), m.Device, m.Threads.ToString(CultureInfo.InvariantCulture), m.BatchSize.ToString(CultureInfo.InvariantCulture),
                        MarkdownTable.Number(m.WindowsPerSecond, 0), MarkdownTable.Number(m.MeanLatencyMilliseconds, 2), MarkdownTable.Number(m.P95LatencyMilliseconds, 2));
                }

                var t = benchmark.MeasureTraining(variant, device, ThreadCounts[^1], TrainingBatchSize);
                training.AddRow(TrainingChoices.NameOf(t.Variant), t.Device, t.Threads.ToString(CultureInfo.InvariantCulture), t.BatchSize.ToString(CultureInfo.InvariantCulture),
                    MarkdownTable.Number(t.BeatsPerSecond, 0), MarkdownTable.Number(t.PeakResidentBytes / (1024.0 * 1024), 0));
            }
        }

        output.WriteLine();
        output.WriteLine("## Inference (BeatClassifier.Predict: normalisation, forward, softmax)");
        output.WriteLine();
        output.WriteLine(inference.ToString());
        output.WriteLine("## Training (forward, backward, AdamW step)");
        output.WriteLine();
        output.WriteLine(training.ToString());
    }
}
