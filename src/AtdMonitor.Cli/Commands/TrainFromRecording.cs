using System.CommandLine;
using System.Globalization;
using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Recordings;
using AtdMonitor.Training.Arrhythmia;
using AtdMonitor.Training.FineTuning;
using AtdMonitor.Training.Progress;
using AtdMonitor.Training.Runs;
using Spectre.Console;

namespace AtdMonitor.Cli.Commands;

/// <summary>
/// <c>atd train --from-recording DIR --checkpoint BASE.ckpt --out NEW.ckpt</c>: reads the worker's recording and
/// fine-tunes the base arrhythmia checkpoint on its labelled beats (<see cref="ArrhythmiaFineTuning"/>). It says what it
/// read (sessions, labels left out, segments still open), which MIT-BIH records the recording replayed and which of
/// them the inter-patient evaluation scores, and the validation score before and after.
/// </summary>
internal static class TrainFromRecording
{
    public static async Task<int> RunAsync(ParseResult parseResult, IAnsiConsole console, string recording, string? baseCheckpoint, string? output,
        TrainerOptions trainer, int batchSize, ClassBalancing balancing, bool resume, string? data, CancellationToken cancellationToken)
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

        RecordingContents contents;
        try
        {
            contents = await RecordingReader.ReadAsync(recording, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            return TrainingOptions.Fail(parseResult, "train", exception.Message);
        }

        var open = contents.PartialSegments.Count == 0 ? string.Empty
            : $"{contents.PartialSegments.Count} segment(s) are still being written (*{RecordingSchema.PartialSuffix}, unreadable until closed): "
              + "stop the worker, which closes its segment, or wait for it to rotate (Recording:SegmentDuration, Recording:MaxSegmentBytes).";
        if (contents.Stretches.Count == 0)
        {
            return TrainingOptions.Fail(parseResult, "train",
                $"Recording folder '{recording}' holds no closed segments ({RecordingSchema.WindowsPrefix}*{RecordingSchema.Extension}). "
                + (open.Length > 0 ? open : "Record with the worker first (Recording:Enabled)."));
        }

        if (open.Length > 0)
        {
            console.MarkupLine($"[yellow]Note:[/] {Markup.Escape(open)}");
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Recording: {contents.Stretches.Select(s => s.Bed).Distinct(StringComparer.Ordinal).Count()} beds, {contents.Sessions} sessions, {contents.Stretches.Count} continuous stretches."));
        if (contents.UnplacedLabels > 0)
        {
            console.MarkupLine($"[yellow]Note:[/] {contents.UnplacedLabels} truth labels left out: no window of their session covers them, or two sessions of the bed could claim them.");
        }

        var replayed = ReplayedRecords(console, contents.Stretches, data);
        var request = new FineTuningRequest(contents.Stretches, Path.GetFullPath(recording), baseCheckpoint, trainer, batchSize, balancing, output, resume, replayed);
        var result = TrainingOptions.Guard(parseResult, "train",
            () => SpectreTrainingProgress.Run(console, progress => ArrhythmiaFineTuning.Run(request, progress, cancellationToken)));
        if (result is null)
        {
            return TrainingOptions.FailureExitCode;
        }

        var state = result.Training.Outcome.State;
        if (!result.Training.Outcome.Interrupted)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"Validation {Markup.Escape(state.MetricName)} on the same {result.Training.ValidationBeats} beats: base {result.Base.Metric:F4}, tuned {state.BestMetric:F4}."));
        }

        return TrainCommand.Report(console, result.Training.Outcome, result.Training.Files);
    }

    /// <summary>The MIT-BIH records the recording replayed, with a warning for those the evaluation splits score.</summary>
    private static IReadOnlyList<string> ReplayedRecords(IAnsiConsole console, IReadOnlyList<RecordedStretch> stretches, string? data)
    {
        var (mitdb, error) = TrainingDataFolder.Find(data, "mitdb", "100.hea");
        if (mitdb is null)
        {
            console.MarkupLine($"[yellow]Note:[/] not checked which MIT-BIH records the recording replays ({Markup.Escape(error!)}).");
            return [];
        }

        var records = new ReplayedRecordFinder(mitdb).Find(stretches);
        if (records.Count == 0)
        {
            console.MarkupLine("The recording replays no MIT-BIH record of the data folder.");
            return [];
        }

        console.MarkupLine($"The recording replays MIT-BIH records {string.Join(", ", records)}; the checkpoint lists them.");
        var tested = records.Intersect(MitBihRecords.Ds2, StringComparer.Ordinal).ToList();
        console.MarkupLine($"[yellow]Warning:[/] the intra-patient test beats come from these records"
            + (tested.Count > 0 ? $", and {string.Join(", ", tested)} are DS2 (the inter-patient test set)" : string.Empty)
            + ": atd eval on those splits scores beats this checkpoint was tuned on, and says so.");
        return records;
    }
}
