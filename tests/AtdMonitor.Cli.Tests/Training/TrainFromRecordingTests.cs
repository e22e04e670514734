using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Recordings;
using AtdMonitor.Data.Spectrograms;
using AtdMonitor.Data.Wfdb;
using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Inference;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Pairing;
using AtdMonitor.Streaming.Recording;
using AtdMonitor.Tests.Shared;
using AtdMonitor.Training.FineTuning;
using static TorchSharp.torch;

namespace AtdMonitor.Cli.Tests.Training;

public sealed class TrainFromRecordingTests : IDisposable
{
    private const int SamplesPerWindow = 360;
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("atd-cli-finetune-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public async Task Fine_tuning_on_a_labelled_recording_of_record_100_writes_a_loadable_checkpoint_with_changed_weights_and_reports_before_and_after()
    {
        var data = Path.GetDirectoryName(TestData.RequireMitdb())!;
        // 50 labelled seconds (window 10's image lost), a gap, then 8 unlabelled seconds.
        var recording = await RecordAsync([.. Enumerable.Range(0, 50), .. Enumerable.Range(52, 8)], missingImage: 10, labelledWindows: 50);
        var baseCheckpoint = SaveBase(ModelTask.Arrhythmia);
        var tuned = Path.Combine(_directory, "tuned.ckpt");

        var (exitCode, output, error) = AtdInvocation.Invoke("train", "--from-recording", recording, "--checkpoint", baseCheckpoint, "--out", tuned,
            "--epochs", "2", "--batch-size", "32", "--lr", "1e-2", "--data", data);

        Assert.True(exitCode == 0, error + output);
        Assert.Contains("Recording: 1 beds, 1 sessions, 2 continuous stretches.", output, StringComparison.Ordinal);
        Assert.Matches(@"Base checkpoint on this validation slice: macro-F1 \d\.\d{4}", output);
        Assert.Matches(@"Validation macro-F1 on the same \d+ beats: base \d\.\d{4}, tuned \d\.\d{4}\.", output);
        Assert.Contains("The recording replays MIT-BIH records 100; the checkpoint lists them.", output, StringComparison.Ordinal);
        Assert.Contains("100 are DS2 (the inter-patient test set)", output, StringComparison.Ordinal);
        Assert.Equal(["100"], TrainedRecords.Read(tuned));
        Assert.Contains("Skipped 8 s of recording without truth annotations", output, StringComparison.Ordinal);
        Assert.Contains("had no complete recorded image: trained and validated image-absent", output, StringComparison.Ordinal);
        var (before, baseWeights) = Weights(baseCheckpoint);
        var (after, tunedWeights) = Weights(tuned);
        Assert.Equal(before.Config, after.Config);
        Assert.Equal(before.Labels, after.Labels);
        Assert.Equal(before.NormalizationFor(InputNames.Signal).Mean, after.NormalizationFor(InputNames.Signal).Mean);
        Assert.NotEqual(baseWeights, tunedWeights);
        using (var classifier = BeatClassifier.Load(tuned))
        {
            Assert.Equal(AamiMapping.ClassNames, classifier.ClassNames);
        }

        var eval = AtdInvocation.Invoke("eval", "--checkpoint", tuned, "--split", "intra", "--records", "100", "--data", data, "--cache", _directory);

        Assert.True(eval.ExitCode == 0, eval.Error);
        Assert.Contains("Warning: this checkpoint was fine-tuned on a recording that replayed records 100, which this Intra test set scores", eval.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_shape_options_that_fine_tuning_would_ignore_are_refused_in_one_line()
    {
        var recording = await RecordAsync([.. Enumerable.Range(0, 5)], missingImage: -1, labelledWindows: 5);

        var (exitCode, _, error) = AtdInvocation.Invoke("train", "--from-recording", recording, "--checkpoint", SaveBase(ModelTask.Arrhythmia), "--out", Path.Combine(_directory, "x.ckpt"),
            "--width", "32", "--layers", "2");

        Assert.Equal(2, exitCode);
        Assert.Equal("atd train: --from-recording keeps the base checkpoint's model and data; --width, --layers would be ignored, leave them out.", error.Trim());
    }

    [Fact]
    public async Task A_recording_whose_only_segment_is_still_open_says_how_to_close_it()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_directory, "open")).FullName;
        await using var segment = await ParquetSegmentWriter.CreateAsync(directory, Start, CancellationToken.None);
        await segment.WriteAsync([new RecordingEntry(new PairedWindow(new EcgWindow("bed-1", 0, Start, 360, 2, EcgUnits.Millivolts, new float[720]), null, 0, true, []), null, null)], CancellationToken.None);

        var (exitCode, _, error) = AtdInvocation.Invoke("train", "--from-recording", directory, "--checkpoint", SaveBase(ModelTask.Arrhythmia), "--out", Path.Combine(_directory, "x.ckpt"));

        Assert.Equal(2, exitCode);
        Assert.Contains("1 segment(s) are still being written (*.partial, unreadable until closed): stop the worker, which closes its segment, or wait for it to rotate", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recording_without_truth_is_refused_because_fine_tuning_needs_it()
    {
        var recording = await RecordAsync([.. Enumerable.Range(0, 5)], missingImage: -1, labelledWindows: 0);

        var (exitCode, output, error) = AtdInvocation.Invoke("train", "--from-recording", recording, "--checkpoint", SaveBase(ModelTask.Arrhythmia), "--out", Path.Combine(_directory, "x.ckpt"));

        Assert.Equal(2, exitCode);
        Assert.Contains("Skipped 5 s", output, StringComparison.Ordinal);
        Assert.Contains("holds 0 labelled beats; fine-tuning needs truth annotations", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_empty_recording_folder_is_named()
    {
        var baseCheckpoint = SaveBase(ModelTask.Arrhythmia);
        var missing = Path.Combine(_directory, "missing");
        var empty = Directory.CreateDirectory(Path.Combine(_directory, "empty")).FullName;

        var missingRun = AtdInvocation.Invoke("train", "--from-recording", missing, "--checkpoint", baseCheckpoint, "--out", Path.Combine(_directory, "x.ckpt"));
        var emptyRun = AtdInvocation.Invoke("train", "--from-recording", empty, "--checkpoint", baseCheckpoint, "--out", Path.Combine(_directory, "x.ckpt"));

        Assert.Equal(2, missingRun.ExitCode);
        Assert.Contains($"Recording folder '{missing}' does not exist", missingRun.Error, StringComparison.Ordinal);
        Assert.Equal(2, emptyRun.ExitCode);
        Assert.Contains($"Recording folder '{empty}' holds no closed segments", emptyRun.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_base_checkpoint_of_another_task_or_none_is_refused()
    {
        var recording = await RecordAsync([.. Enumerable.Range(0, 5)], missingImage: -1, labelledWindows: 5);
        var forecast = SaveBase(ModelTask.Forecast);

        var wrongTask = AtdInvocation.Invoke("train", "--from-recording", recording, "--checkpoint", forecast, "--out", Path.Combine(_directory, "x.ckpt"));
        var noBase = AtdInvocation.Invoke("train", "--from-recording", recording, "--out", Path.Combine(_directory, "x.ckpt"));

        Assert.Equal(2, wrongTask.ExitCode);
        Assert.Contains("is task=Forecast, expected Arrhythmia", wrongTask.Error, StringComparison.Ordinal);
        Assert.Equal(2, noBase.ExitCode);
        Assert.Contains("--from-recording needs --checkpoint BASE.ckpt", noBase.Error, StringComparison.Ordinal);

        var forecastTask = AtdInvocation.Invoke("train", "--task", "forecast", "--from-recording", recording, "--checkpoint", forecast, "--out", Path.Combine(_directory, "x.ckpt"));
        Assert.Equal(2, forecastTask.ExitCode);
        Assert.Contains("--checkpoint goes with --from-recording, which fine-tunes an arrhythmia model", forecastTask.Error, StringComparison.Ordinal);
    }

    /// <summary>Records windows of MIT-BIH record 100 as the worker does (lead-major samples, the lead-1 spectrogram
    /// per window, truth = the beat annotations of the first <paramref name="labelledWindows"/> windows).</summary>
    private async Task<string> RecordAsync(IReadOnlyList<int> sequences, int missingImage, int labelledWindows)
    {
        var mitdb = Path.Combine(TestData.Samples, "mitdb");
        var record = WfdbReader.ReadRecord(mitdb, "100");
        var (lead0, lead1) = BeatDatasetBuilder.LeadsOf(record);
        var leads = new[] { record.ToMillivolts(lead0), record.ToMillivolts(lead1) };
        var windows = sequences.Select(sequence =>
        {
            var samples = new float[2 * SamplesPerWindow];
            for (var lead = 0; lead < 2; lead++)
            {
                leads[lead].AsSpan(sequence * SamplesPerWindow, SamplesPerWindow).CopyTo(samples.AsSpan(lead * SamplesPerWindow));
            }

            var image = new float[SpectrogramSpec.Rows * SpectrogramSpec.ColumnsPerWindow];
            StftSpectrogram.Compute(leads[1], (long)sequence * SpectrogramSpec.ColumnsPerWindow, SpectrogramSpec.ColumnsPerWindow, image);
            var time = Start.AddSeconds(sequence);
            return new PairedWindow(
                new EcgWindow("bed-1", sequence, time, SamplesPerWindow, 2, EcgUnits.Millivolts, samples),
                sequence == missingImage ? null : new SpectrogramWindow("bed-1", sequence, time, SpectrogramSpec.Rows, SpectrogramSpec.ColumnsPerWindow, image),
                0,
                sequence == 0,
                []);
        }).ToList();
        var truth = WfdbAnnotationReader.Read(Path.Combine(mitdb, "100.atr"))
            .Where(a => a.IsBeat && a.Sample < labelledWindows * SamplesPerWindow)
            .Select(a => new TruthAnnotation(a.Sample, a.Symbol))
            .ToList();

        var directory = Directory.CreateDirectory(Path.Combine(_directory, "recording-" + Guid.NewGuid().ToString("N"))).FullName;
        await using var segment = await ParquetSegmentWriter.CreateAsync(directory, Start, CancellationToken.None);
        var entries = windows.Select(window => new RecordingEntry(window, null, null)).ToList();
        if (truth.Count > 0)
        {
            entries.Insert(0, new RecordingEntry(null, new TruthMessage("bed-1", truth), null));
        }

        await segment.WriteAsync(entries, CancellationToken.None);

        return directory;
    }

    private string SaveBase(ModelTask task)
    {
        var path = Path.Combine(_directory, $"base-{task}-{Guid.NewGuid():N}.ckpt");
        var config = new AtdConfig { Task = task, ModelWidth = 16, EncoderLayers = 1, FeedForwardWidth = 32, AttentionHeads = 2, LookBack = 96, Horizon = 96, Variables = 1 };
        random.manual_seed(7);
        if (task == ModelTask.Forecast)
        {
            using var forecast = new ForecastModel(config);
            new ModelCheckpoint(config, ["OT"], []).Save(path, forecast);
            return path;
        }

        using var model = new ArrhythmiaModel(config);
        new ModelCheckpoint(config, AamiMapping.ClassNames, [NormalizationStats.Fit(InputNames.Signal, [-0.5f, 0.1f, 0.9f], 1)]).Save(path, model);
        return path;
    }

    private static (ModelCheckpoint Checkpoint, float[] Weights) Weights(string path)
    {
        var (checkpoint, model) = ModelCheckpoint.LoadArrhythmia(path);
        using (model)
        {
            return (checkpoint, [.. model.parameters().SelectMany(p => p.data<float>().ToArray())]);
        }
    }
}
