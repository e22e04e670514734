using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Spectrograms;
using AtdMonitor.Data.Wfdb;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Data.Tests.Beats;

public sealed class BeatDatasetTests
{
    private static readonly Lazy<BeatDataset> Samples = new(() => BeatDatasetBuilder.Build(SampleRecords.Mitdb, ["100", "119", "208", "233"]));

    [Theory]
    [InlineData("N", AamiClass.N)]
    [InlineData("j", AamiClass.N)]
    [InlineData("a", AamiClass.S)]
    [InlineData("E", AamiClass.V)]
    [InlineData("F", AamiClass.F)]
    [InlineData("f", AamiClass.Q)]
    [InlineData("+", null)]
    [InlineData("r", null)]
    public void MIT_BIH_symbols_map_to_AAMI_classes(string symbol, AamiClass? expected) =>
        Assert.Equal(expected, AamiMapping.FromSymbol(symbol));

    [Fact]
    public void The_dataset_holds_every_labelled_beat_but_the_first_and_last_of_each_record()
    {
        var dataset = Samples.Value;
        foreach (var record in new[] { "100", "119", "208", "233" })
        {
            var labelled = WfdbAnnotationReader.Read(Path.Combine(SampleRecords.Mitdb, record + ".atr"))
                .Count(a => a.IsBeat && AamiMapping.FromSymbol(a.Symbol) is not null);
            Assert.InRange(dataset.IndicesOf([record]).Length, labelled - 2, labelled);
        }

        Assert.Equal(dataset.Count * BeatSpec.WindowLength, dataset.Signals.Length);
        Assert.Equal(dataset.Count * BeatDataset.ImageSize, dataset.Images.Length);
        Assert.All(dataset.ImagePresent, Assert.True);
        var counts = dataset.ClassCounts();
        Assert.True(counts[(int)AamiClass.V] > 1000 && counts[(int)AamiClass.F] > 300 && counts[(int)AamiClass.S] > 30);
    }

    [Fact]
    public void The_dataset_rows_are_the_streams_features_and_image_crops_at_the_reference_R_peaks()
    {
        var dataset = Samples.Value;
        var (ecg, second, annotations) = SampleRecords.Load("233", minutes: 30.1);
        var beats = BeatFeatureExtraction.Extract(ecg, [.. annotations.Where(a => a.IsBeat).Select(a => a.Sample)]);
        var first = dataset.IndicesOf(["233"])[0];
        var image = new float[BeatDataset.ImageSize];
        for (var k = 0; k < 20; k++)
        {
            var i = first + k;
            Assert.Equal(beats[k].RPeakSample, dataset.RPeakSamples[i]);
            Assert.Equal(beats[k].Window, dataset.Signals.AsSpan(i * BeatSpec.WindowLength, BeatSpec.WindowLength).ToArray());
            Assert.Equal(beats[k].Rhythm, dataset.Rhythm.AsSpan(i * BeatSpec.RhythmFeatureCount, BeatSpec.RhythmFeatureCount).ToArray());
            StftSpectrogram.ComputeBeat(second, beats[k].RPeakSample, image);
            Assert.Equal(image, dataset.Images.AsSpan(i * BeatDataset.ImageSize, BeatDataset.ImageSize).ToArray());
        }
    }

    [Fact]
    public void At_detected_positions_the_rows_are_the_streams_own_beats_labelled_by_the_reference_beat_they_match()
    {
        var dataset = BeatDatasetBuilder.Build(SampleRecords.Mitdb, ["208"], positions: BeatPositions.Detected);
        var record = WfdbReader.ReadRecord(SampleRecords.Mitdb, "208");
        var ecg = record.ToMillivolts(BeatDatasetBuilder.LeadsOf(record).Lead0);
        var extractor = new StreamingBeatExtractor(record.SampleRate);
        var streamed = new List<ExtractedBeat>();
        for (var start = 0; start < ecg.Length; start += 3600)
        {
            extractor.Push(ecg.AsSpan(start, Math.Min(3600, ecg.Length - start)), streamed);
        }

        var byPeak = streamed.ToDictionary(b => b.RPeakSample);
        var reference = WfdbAnnotationReader.Read(Path.Combine(SampleRecords.Mitdb, "208.atr")).Where(a => a.IsBeat).ToList();
        var tolerance = (long)Math.Round(BeatMatching.WindowSeconds * record.SampleRate);
        for (var i = 0; i < dataset.Count; i++)
        {
            var beat = byPeak[dataset.RPeakSamples[i]];
            Assert.Equal(beat.Window, dataset.Signals.AsSpan(i * BeatSpec.WindowLength, BeatSpec.WindowLength).ToArray());
            Assert.Equal(beat.Rhythm, dataset.Rhythm.AsSpan(i * BeatSpec.RhythmFeatureCount, BeatSpec.RhythmFeatureCount).ToArray());
            var nearest = reference.MinBy(a => Math.Abs(a.Sample - beat.RPeakSample));
            Assert.InRange(Math.Abs(nearest.Sample - beat.RPeakSample), 0, tolerance);
        }

        // 208 holds about 1,000 V and 370 F beats among 3,000: the detector finds nearly all, each labelled by its match.
        var counts = dataset.ClassCounts();
        var referenceCounts = Samples.Value.ClassCounts(Samples.Value.IndicesOf(["208"]));
        Assert.InRange(dataset.Count, referenceCounts.Sum() * 0.97, referenceCounts.Sum() * 1.01);
        Assert.InRange(counts[(int)AamiClass.V], referenceCounts[(int)AamiClass.V] * 0.95, referenceCounts[(int)AamiClass.V]);
    }

    [Fact]
    public void An_image_present_mask_of_another_length_than_the_beats_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new BeatDataset(new float[BeatSpec.WindowLength], new float[BeatSpec.RhythmFeatureCount],
            new float[BeatDataset.ImageSize], [0], ["100"], [5], [true, false]));

        Assert.Contains("do not all describe 1 beats", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_DS1_folds_partition_DS1_and_each_holds_S_V_and_F_beats()
    {
        var mitdb = TestData.RequireMitdb();
        var folds = MitBihRecords.Ds1Folds;

        Assert.Equal(5, folds.Count);
        Assert.Equal(MitBihRecords.Ds1.Order(), folds.SelectMany(f => f).Order());
        foreach (var fold in folds)
        {
            var classes = fold.SelectMany(record => WfdbAnnotationReader.Read(Path.Combine(mitdb, record + ".atr")))
                .Where(a => a.IsBeat)
                .Select(a => AamiMapping.FromSymbol(a.Symbol))
                .ToHashSet();
            Assert.Superset(new HashSet<AamiClass?> { AamiClass.S, AamiClass.V, AamiClass.F }, classes);
        }
    }

    [Fact]
    public void A_patient_fold_trains_on_the_other_DS1_records_and_scores_the_held_out_ones()
    {
        var dataset = Samples.Value; // 208 is in DS1 fold 1, 119 in fold 2; 100 and 233 are DS2
        var split = BeatSplits.PatientFold(dataset, 0);

        Assert.Equal(["119"], split.Train.Select(i => dataset.RecordNames[i]).Distinct());
        Assert.Equal(["208"], split.Validation.Select(i => dataset.RecordNames[i]).Distinct());
        Assert.Equal(split.Validation, split.Test);
        Assert.Throws<ArgumentOutOfRangeException>(() => BeatSplits.PatientFold(dataset, 5));
    }

    [Fact]
    public void The_inter_patient_split_keeps_patients_apart_and_validates_on_held_out_DS1_records()
    {
        var dataset = Samples.Value; // 119, 208 are DS1; 100, 233 are DS2
        var split = BeatSplits.InterPatient(dataset, ["208"]);

        Assert.Equal(["119"], split.Train.Select(i => dataset.RecordNames[i]).Distinct());
        Assert.Equal(["208"], split.Validation.Select(i => dataset.RecordNames[i]).Distinct());
        Assert.Equal(["100", "233"], split.Test.Select(i => dataset.RecordNames[i]).Distinct());
        Assert.Throws<ArgumentException>(() => BeatSplits.InterPatient(dataset, ["100"]));
    }

    [Fact]
    public void The_intra_patient_split_is_stratified_disjoint_and_repeatable()
    {
        var dataset = Samples.Value;
        var split = BeatSplits.IntraPatient(dataset, 0.1, 0.2, seed: 7);

        Assert.Equal(dataset.Count, split.Train.Length + split.Validation.Length + split.Test.Length);
        Assert.Equal(dataset.Count, split.Train.Concat(split.Validation).Concat(split.Test).Distinct().Count());
        var all = dataset.ClassCounts();
        var test = dataset.ClassCounts(split.Test);
        for (var c = 0; c < all.Length; c++)
        {
            Assert.Equal(Math.Round(all[c] * 0.2), test[c]);
        }

        Assert.Equal(split.Test, BeatSplits.IntraPatient(dataset, 0.1, 0.2, seed: 7).Test);
    }

    [Fact]
    public void An_epoch_visits_every_beat_once_into_the_preallocated_batch()
    {
        var dataset = Samples.Value;
        var indices = dataset.IndicesOf(["100"]);
        var sampler = new BeatBatchSampler(dataset, indices, shuffle: true, seed: 1);
        var batch = new BeatBatch(64);
        var seen = new List<int>();
        while (sampler.NextBatch(batch) is var n and > 0)
        {
            seen.AddRange(batch.Indices.Take(n));
            var i = batch.Indices[n - 1];
            Assert.Equal(dataset.Labels[i], batch.Labels[n - 1]);
            Assert.Equal(dataset.Signals.AsSpan(i * 256, 256).ToArray(), batch.Signals.AsSpan((n - 1) * 256, 256).ToArray());
            Assert.Equal(dataset.Images.AsSpan(i * 1024, 1024).ToArray(), batch.Images.AsSpan((n - 1) * 1024, 1024).ToArray());
        }

        Assert.Equal(indices, seen.Order());
        Assert.NotEqual(indices, seen);
    }

    [Fact]
    public void Class_balanced_sampling_draws_each_present_class_about_equally()
    {
        var dataset = Samples.Value;
        var sampler = new BeatBatchSampler(dataset, [.. Enumerable.Range(0, dataset.Count)], classBalanced: true, seed: 3);
        var batch = new BeatBatch(dataset.Count);
        sampler.NextBatch(batch);

        var counts = dataset.ClassCounts(batch.Indices.Take(batch.Count));
        var present = dataset.ClassCounts().Count(c => c > 0);
        Assert.All(counts.Where(c => c > 0), c => Assert.InRange(c, batch.Count / present * 0.9, batch.Count / present * 1.1));
    }
}
