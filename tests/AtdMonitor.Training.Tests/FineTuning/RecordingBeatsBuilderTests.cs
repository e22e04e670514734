using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Recordings;
using AtdMonitor.Data.Spectrograms;
using AtdMonitor.Data.Wfdb;
using AtdMonitor.Tests.Shared;
using AtdMonitor.Training.FineTuning;

namespace AtdMonitor.Training.Tests.FineTuning;

public sealed class RecordingBeatsBuilderTests
{
    private const int Windows = 30;
    private const int SamplesPerWindow = 360;

    [Fact]
    public void Recorded_beats_have_the_offline_features_and_images_and_the_latest_fifth_per_bed_validates()
    {
        var stretch = Stretch(missingWindow: -1);
        var other = stretch with { Bed = "bed-2" };

        var beats = RecordingBeatsBuilder.Build([stretch, other]);

        var mitdb = Path.Combine(TestData.Samples, "mitdb");
        var offline = BeatDatasetBuilder.Build(mitdb, ["100"]);
        var first = Array.IndexOf(offline.RPeakSamples, beats.Dataset.RPeakSamples[0]);
        Assert.True(first >= 0);
        Assert.True(beats.Dataset.ImagePresent[5]);
        Assert.Equal(offline.Labels.AsSpan(first, 3).ToArray(), beats.Dataset.Labels.AsSpan(0, 3).ToArray());
        // A beat well inside the stretch: same window, RR features and (recorded) image as offline training.
        var offlineIndex = first + 5;
        Assert.Equal(offline.Signals.AsSpan(offlineIndex * BeatSpec.WindowLength, BeatSpec.WindowLength).ToArray(),
            beats.Dataset.Signals.AsSpan(5 * BeatSpec.WindowLength, BeatSpec.WindowLength).ToArray());
        Assert.Equal(offline.Rhythm.AsSpan(offlineIndex * BeatSpec.RhythmFeatureCount, BeatSpec.RhythmFeatureCount).ToArray(),
            beats.Dataset.Rhythm.AsSpan(5 * BeatSpec.RhythmFeatureCount, BeatSpec.RhythmFeatureCount).ToArray());
        var offlineImage = offline.Images.AsSpan(offlineIndex * BeatDataset.ImageSize, BeatDataset.ImageSize).ToArray();
        var recordedImage = beats.Dataset.Images.AsSpan(5 * BeatDataset.ImageSize, BeatDataset.ImageSize).ToArray();
        Assert.All(offlineImage.Zip(recordedImage), pair => Assert.Equal(pair.First, pair.Second, 1e-4f));

        var perBed = beats.Dataset.Count / 2;
        var validationPerBed = (int)Math.Ceiling(perBed * RecordingBeatsBuilder.ValidationFraction);
        Assert.Equal(2 * validationPerBed, beats.Validation.Length);
        Assert.Equal([.. Enumerable.Range(perBed - validationPerBed, validationPerBed), .. Enumerable.Range((2 * perBed) - validationPerBed, validationPerBed)], beats.Validation);
    }

    [Fact]
    public void A_beat_whose_recorded_image_is_missing_is_kept_image_absent_with_its_window_and_rhythm_features_even_without_lead_1()
    {
        var complete = RecordingBeatsBuilder.Build([Stretch(missingWindow: -1)]);
        var lost = Stretch(missingWindow: 10);

        var absent = RecordingBeatsBuilder.Build([lost]);
        var leadZeroOnly = RecordingBeatsBuilder.Build([lost with { Leads = [lost.Leads[0]] }]);

        var inLostWindow = Array.FindIndex(absent.Dataset.RPeakSamples, r => r / SamplesPerWindow == 10);
        Assert.True(complete.Dataset.ImagePresent[inLostWindow]);
        Assert.False(absent.Dataset.ImagePresent[inLostWindow]);
        Assert.Equal(complete.ImageAbsentBeats + complete.Dataset.ImagePresent.Zip(absent.Dataset.ImagePresent).Count(p => p.First && !p.Second),
            absent.ImageAbsentBeats);
        Assert.Equal(absent.Dataset.ImagePresent.Count(p => !p), absent.ImageAbsentBeats);
        foreach (var beats in new[] { absent, leadZeroOnly })
        {
            Assert.Equal(complete.Dataset.RPeakSamples, beats.Dataset.RPeakSamples);
            Assert.Equal(complete.Dataset.Signals, beats.Dataset.Signals);
            Assert.Equal(complete.Dataset.Rhythm, beats.Dataset.Rhythm);
            Assert.Equal(complete.Dataset.Labels, beats.Dataset.Labels);
        }

        Assert.Equal(absent.Dataset.ImagePresent, leadZeroOnly.Dataset.ImagePresent);
        Assert.Equal(absent.Dataset.Images, leadZeroOnly.Dataset.Images);
    }

    [Fact]
    public void A_beat_labelled_twice_with_different_classes_is_counted_and_left_out_and_the_others_keep_their_features()
    {
        var stretch = Stretch(missingWindow: -1);
        var relabelled = stretch with { Labels = [.. stretch.Labels, new RecordedLabel(stretch.Labels[5].Sample, "V"), new RecordedLabel(stretch.Labels[6].Sample, "N")] };

        var plain = RecordingBeatsBuilder.Build([stretch]);
        var beats = RecordingBeatsBuilder.Build([relabelled]);

        Assert.Equal((plain.Dataset.Count - 1, 1), (beats.Dataset.Count, beats.ConflictingBeats));
        Assert.DoesNotContain(stretch.Labels[5].Sample, beats.Dataset.RPeakSamples);
        var at = Array.IndexOf(plain.Dataset.RPeakSamples, stretch.Labels[7].Sample);
        Assert.Equal(plain.Dataset.Rhythm.AsSpan(at * BeatSpec.RhythmFeatureCount, BeatSpec.RhythmFeatureCount).ToArray(),
            beats.Dataset.Rhythm.AsSpan((at - 1) * BeatSpec.RhythmFeatureCount, BeatSpec.RhythmFeatureCount).ToArray());
    }

    [Fact]
    public void Stretches_without_truth_are_counted_and_give_no_beats()
    {
        var stretch = Stretch(missingWindow: -1);

        var beats = RecordingBeatsBuilder.Build([stretch with { Labels = [] }]);

        Assert.Equal(0, beats.Dataset.Count);
        Assert.Equal(Windows, beats.UnlabelledSeconds, 6);
    }

    /// <summary>The first 30 s of record 100 as the worker records it; the image of <paramref name="missingWindow"/> lost.</summary>
    private static RecordedStretch Stretch(int missingWindow)
    {
        var mitdb = Path.Combine(TestData.Samples, "mitdb");
        var record = WfdbReader.ReadRecord(mitdb, "100");
        var (lead0, lead1) = BeatDatasetBuilder.LeadsOf(record);
        var samples = Windows * SamplesPerWindow;
        var leads = new[] { record.ToMillivolts(lead0)[..samples], record.ToMillivolts(lead1)[..samples] };
        var columns = Windows * SpectrogramSpec.ColumnsPerWindow;
        var image = new float[SpectrogramSpec.Rows * columns];
        StftSpectrogram.Compute(record.ToMillivolts(lead1), 0, columns, image);
        var present = Enumerable.Range(0, Windows).Select(w => w != missingWindow).ToArray();
        if (missingWindow >= 0)
        {
            for (var row = 0; row < SpectrogramSpec.Rows; row++)
            {
                image.AsSpan((row * columns) + (missingWindow * SpectrogramSpec.ColumnsPerWindow), SpectrogramSpec.ColumnsPerWindow).Clear();
            }
        }

        var labels = WfdbAnnotationReader.Read(Path.Combine(mitdb, "100.atr"))
            .Where(a => a.IsBeat && a.Sample < samples)
            .Select(a => new RecordedLabel(a.Sample, a.Symbol))
            .ToList();
        return new RecordedStretch("bed-1", 0, record.SampleRate, DateTimeOffset.UnixEpoch, 0, leads, SpectrogramSpec.Rows, SpectrogramSpec.ColumnsPerWindow, image, present, labels);
    }
}
