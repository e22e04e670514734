using System.CommandLine;
using AtdMonitor.Streaming.Recording;
using AtdMonitor.Training.Arrhythmia;
using AtdMonitor.Training.FineTuning;
using AtdMonitor.Training.Progress;
using AtdMonitor.Training.Runs;
using Spectre.Console;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// <c>atd train --from-recording DIR --checkpoint BASE.ckpt --out NEW.ckpt</c>: reads the worker's recording and
/// fine-tunes the base arrhythmia checkpoint on its labelled beats (<see cref="ArrhythmiaFineTuning"/>).
/// </summary>
internal static class TrainFromRecording
{
    public static async Task<int> RunAsync(ParseResult parseResult, IAnsiConsole console, string recording, string? baseCheckpoint, string? output,
        TrainerOptions trainer, int batchSize, ClassBalancing balancing, bool resume, CancellationToken cancellationToken)
    {
        if (baseCheckpoint is null || output is null)
        {
            return TrainingOptions.Fail(parseResult, "train", "--from-recording needs --checkpoint BASE.ckpt (the model to start from) and --out NEW.ckpt.");
        }

        if (!File.Exists(baseCheckpoint))
        {
            return TrainingOptions.Fail(parseResult, "train", $"--checkpoint {baseCheckpoint} does not exist.");
        }

        if (string.Equals(Path.GetFullPath(baseCheckpoint), Path.GetFullPath(output), StringComparison.Ordinal))
        {
            return TrainingOptions.Fail(parseResult, "train", "--out must differ from --checkpoint: the base checkpoint is kept.");
        }

        IReadOnlyList<RecordedStretch> stretches;
        try
        {
            stretches = await RecordingReader.ReadAsync(recording, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            return TrainingOptions.Fail(parseResult, "train", exception.Message);
        }

        if (stretches.Count == 0)
        {
            return TrainingOptions.Fail(parseResult, "train",
                $"Recording folder '{recording}' holds no closed segments ({RecordingSchema.WindowsPrefix}*{RecordingSchema.Extension}); record with the worker first.");
        }

        var request = new FineTuningRequest([.. stretches.Select(ToLabelled)], Path.GetFullPath(recording), baseCheckpoint, trainer, batchSize, balancing, output, resume);
        var result = TrainingOptions.Guard(parseResult, "train",
            () => SpectreTrainingProgress.Run(console, progress => ArrhythmiaFineTuning.Run(request, progress, cancellationToken)));
        return result is null ? TrainingOptions.FailureExitCode : TrainCommand.Report(console, result.Outcome, result.Files);
    }

    private static LabelledStretch ToLabelled(RecordedStretch stretch) =>
        new(stretch.Bed, stretch.SampleRate, stretch.FirstSample, stretch.Leads, stretch.ImageRows, stretch.ImageColumnsPerWindow, stretch.Image,
            stretch.ImagePresent, [.. stretch.Labels.Select(label => new StretchLabel(label.Sample, label.Symbol))]);
}
