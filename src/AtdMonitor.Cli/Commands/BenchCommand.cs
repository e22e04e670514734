using System.CommandLine;
using System.Globalization;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Variants;
using AtdMonitor.Training.Benchmarks;
using AtdMonitor.Training.Reports;
using static TorchSharp.torch;

namespace AtdMonitor.Cli.Commands;

/// <summary><c>atd bench</c>: benchmarks; <c>atd bench model</c> measures the arrhythmia model per variant.</summary>
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
        var command = new Command("model",
            "Arrhythmia model per variant: inference beats/s and latency per batch size (1, 8, 64, 256) and thread count (1, 2), " +
            "training beats/s and peak RSS, on the CPU (and CUDA when present); parameter counts per variant for both tasks.")
        {
            variants, seconds, width, layers, feedForward, rounds,
        };
        command.SetAction((parseResult, _) =>
        {
            var problems = TrainingOptions.NonPositive(parseResult, width, layers, feedForward, rounds).ToList();
            if (parseResult.GetValue(seconds) is not (> 0 and <= 60))
            {
                problems.Add("--seconds must be in (0, 60].");
            }

            if (problems.Count > 0)
            {
                return Task.FromResult(TrainingOptions.Fail(parseResult, "bench model", string.Join(" ", problems)));
            }

            var output = parseResult.InvocationConfiguration.Output;
            var chosen = parseResult.GetValue(variants) is { Length: > 0 } names ? names.Select(n => TrainingChoices.Variants[n]).ToArray() : Enum.GetValues<Variant>();
            var config = new AtdConfig
            {
                ModelWidth = parseResult.GetValue(width),
                EncoderLayers = parseResult.GetValue(layers),
                FeedForwardWidth = parseResult.GetValue(feedForward),
                FusionRounds = parseResult.GetValue(rounds),
            };
            Run(output, parseResult.InvocationConfiguration.Error, config, chosen, TimeSpan.FromSeconds(parseResult.GetValue(seconds)));
            return Task.FromResult(0);
        });
        return command;
    }

    private static void Run(TextWriter output, TextWriter progress, AtdConfig config, IReadOnlyList<Variant> variants, TimeSpan duration)
    {
        var devices = cuda.is_available() ? new[] { "cpu", "cuda" } : ["cpu"];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# atd bench model: d={config.ModelWidth}, {config.EncoderLayers} layer(s), feed-forward {config.FeedForwardWidth}, K = {config.FusionRounds}, {Environment.ProcessorCount} logical CPUs, devices: {string.Join(", ", devices)}"));
        output.WriteLine();
        output.WriteLine("## Parameters per variant");
        output.WriteLine();
        var parameters = new MarkdownTable("Variant", "Arrhythmia parameters:", "Forecast parameters (ETTh1, 7 series, LB 96, H 96):");
        foreach (var variant in variants)
        {
            parameters.AddRow(TrainingChoices.NameOf(variant),
                MarkdownTable.Count(ParameterCounter.Count(config with { Task = ModelTask.Arrhythmia, Variant = variant })),
                MarkdownTable.Count(ParameterCounter.Count(config with { Task = ModelTask.Forecast, Variant = variant, LookBack = 96, Horizon = 96, Variables = 7 })));
        }

        output.WriteLine(parameters.ToString());
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
