using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Recordings;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Recording;
using AtdMonitor.Streaming.Tests.Support;
using AtdMonitor.TestSupport;
using AtdMonitor.Tests.Shared;
using Microsoft.Extensions.Hosting;

namespace AtdMonitor.Streaming.Tests.EndToEnd;

/// <summary>The whole worker in process: embedded broker, ingest, pairing, beats, batched inference, sink, recorder, dead letters.</summary>
public sealed class WorkerEndToEndTests
{
    private const int Seconds = 40;

    [Fact]
    public async Task Forty_seconds_of_record_100_become_classified_beats_close_to_the_reference_count()
    {
        var record = new MitBihWindows(Path.Combine(TestData.Samples, "mitdb"), "100", "bed-100", Support.Messages.Start);
        await using var worker = await WorkerHarness.StartAsync();

        for (var second = 0; second < Seconds; second++)
        {
            // Images 10 and 11 never come (classified without them after the timeout); every 7th image arrives first.
            if (second % 7 == 0)
            {
                await worker.PublishAsync(record.Image(second));
            }

            await worker.PublishAsync(record.Ecg(second));
            if (second % 7 != 0 && second is not (10 or 11))
            {
                await worker.PublishAsync(record.Image(second));
            }
        }

        var reference = record.ReferenceBeats(0, Seconds * 360);
        await WorkerHarness.WaitUntilAsync(() => worker.Beats.Count >= reference - 3, TimeSpan.FromSeconds(30));
        await worker.StopAsync();

        var beats = worker.Beats.ToList();
        Assert.InRange(beats.Count, reference - 3, reference + 1);
        Assert.All(beats, beat => Assert.Equal("bed-100", beat.Bed));
        Assert.Equal(beats.OrderBy(b => b.RPeakSample).Select(b => b.RPeakSample), beats.Select(b => b.RPeakSample));
        Assert.All(beats, beat => Assert.InRange(beat.Probabilities.Sum(), 0.999f, 1.001f));
        Assert.Contains(beats, beat => beat.ImageMissing && beat.RPeakSample is > 10 * 360 and < 12 * 360);
        Assert.Contains(beats, beat => !beat.ImageMissing);
        var reachedByRPeak = beats.Select(b => b.RPeakSample).ToList();
        Assert.All(reachedByRPeak, r => Assert.Contains(record.Annotations, a => a.IsBeat && Math.Abs(a.Sample - r) <= 0.15 * 360));

        var recorded = Assert.Single((await RecordingReader.ReadAsync(Path.Combine(worker.Directory, "recordings"))).Stretches);
        // Images 10 and 11 never came; on a loaded machine another image can also arrive after its window timed out.
        Assert.Equal(Seconds * 360, recorded.SampleCount);
        Assert.False(recorded.ImagePresent[10] || recorded.ImagePresent[11]);
        Assert.InRange(recorded.ImagePresent.Count(present => !present), 2, 4);
        Assert.Equal(record.Ecg(5).Samples[..360], recorded.Leads[0].AsSpan(5 * 360, 360).ToArray());
    }

    [Fact]
    public async Task Bad_messages_are_rejected_to_the_dead_letter_topic_with_their_reason()
    {
        var record = new MitBihWindows(Path.Combine(TestData.Samples, "mitdb"), "100", "bed-100", Support.Messages.Start);
        await using var worker = await WorkerHarness.StartAsync();
        var nan = record.Ecg(0);
        nan.Samples[3] = float.NaN;

        await worker.PublishAsync(nan);
        await worker.PublishAsync(AtdTopics.Spectrogram("bed-100"), [1, 2, 3, 4, 5, 6, 7]);
        await worker.PublishAsync(record.Ecg(1) with { SampleRate = 250 });
        await worker.PublishAsync(AtdTopics.Ecg("bed-200"), WireCodec.Encode(record.Ecg(2)));
        await WorkerHarness.WaitUntilAsync(() => worker.DeadLetters.Count == 4, TimeSpan.FromSeconds(10));

        var reasons = worker.DeadLetters.OrderBy(d => d.Topic, StringComparer.Ordinal).ThenBy(d => d.Reason, StringComparer.Ordinal).Select(d => (d.Topic, d.Reason)).ToList();
        Assert.Contains(("atd/v1/bed-100/ecg", "sample 3 of lead 0 is NaN; samples must be finite."), reasons);
        Assert.Contains(("atd/v1/bed-100/ecg", "sample rate 250 Hz: this worker's model needs 360 Hz."), reasons);
        Assert.Contains(("atd/v1/bed-100/spectrogram", "not an AtdMonitor payload: it does not start with the magic bytes \"ATD\"."), reasons);
        Assert.Contains(("atd/v1/bed-200/ecg", "payload id 'bed-100' does not match the topic id 'bed-200'."), reasons);
        Assert.All(worker.DeadLetters, d => Assert.True(d.Payload.Length <= d.PayloadLength));
        await worker.StopAsync();
        Assert.Empty(worker.Beats);
    }

    [Fact]
    public async Task A_missing_checkpoint_stops_the_start_with_a_message_naming_the_key()
    {
        var error = await Assert.ThrowsAsync<WorkerStartException>(() =>
            WorkerHarness.StartAsync(settings => settings["Inference:BeatCheckpoint"] = "/nonexistent/beats.ckpt"));

        Assert.StartsWith("Inference:BeatCheckpoint '/nonexistent/beats.ckpt' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_trained_on_other_beat_features_stops_the_start_with_a_retrain_message()
    {
        var directory = Directory.CreateTempSubdirectory("atd-stale-checkpoint-");
        try
        {
            var stale = Path.Combine(directory.FullName, "four-features.ckpt");
            RandomCheckpoint.WriteArrhythmia(stale, rhythmFeatures: 4);

            var error = await Assert.ThrowsAsync<WorkerStartException>(() =>
                WorkerHarness.StartAsync(settings => settings["Inference:BeatCheckpoint"] = stale));

            Assert.Contains($"takes 4 rhythm features per beat; this version computes {BeatSpec.RhythmFeatureCount}", error.Message, StringComparison.Ordinal);
            Assert.Contains("Retrain it", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
