using AtdMonitor.Data.Noise;
using AtdMonitor.Data.Spectrograms;
using AtdMonitor.Data.Wfdb;

namespace AtdMonitor.Data.Beats;

/// <summary>
/// Offline: builds a <see cref="BeatDataset"/> from MIT-BIH records at the reference-annotation R positions, or where the
/// stream's detector finds the beats (<see cref="BeatPositions"/>), with the stream's feature code
/// (<see cref="BeatFeatureExtraction"/>) and beat-image crop (<see cref="StftSpectrogram"/>).
/// </summary>
/// <remarks>Lead 0 is MLII (read from the header; the other lead when MLII is absent), the spectrogram comes from the
/// other lead. Every beat annotation is an R-peak for the RR features; beats whose symbol has no AAMI class are
/// left out of the dataset.</remarks>
public static class BeatDatasetBuilder
{
    /// <summary>Builds the dataset for <paramref name="records"/> of <paramref name="mitdbDirectory"/>, records in parallel;
    /// with <paramref name="noise"/>, both leads get that noise before the features and images are computed (the beats stay
    /// where they are in the clean recording, detected or not, so they match the clean dataset's one to one).</summary>
    public static BeatDataset Build(string mitdbDirectory, IEnumerable<string> records, EcgNoise? noise = null, BeatPositions positions = BeatPositions.Reference)
    {
        ArgumentNullException.ThrowIfNull(records);
        var names = records.ToArray();
        var parts = new RecordBeats[names.Length];
        Parallel.For(0, names.Length, i => parts[i] = BuildRecord(mitdbDirectory, names[i], noise, positions));

        var count = parts.Sum(p => p.Labels.Length);
        var signals = new float[count * BeatSpec.WindowLength];
        var rhythm = new float[count * BeatSpec.RhythmFeatureCount];
        var images = new float[count * BeatDataset.ImageSize];
        var labels = new int[count];
        var recordNames = new string[count];
        var rPeaks = new long[count];
        var at = 0;
        foreach (var part in parts)
        {
            var n = part.Labels.Length;
            part.Signals.CopyTo(signals, at * BeatSpec.WindowLength);
            part.Rhythm.CopyTo(rhythm, at * BeatSpec.RhythmFeatureCount);
            part.Images.CopyTo(images, at * BeatDataset.ImageSize);
            part.Labels.CopyTo(labels, at);
            part.RPeaks.CopyTo(rPeaks, at);
            Array.Fill(recordNames, part.Name, at, n);
            at += n;
        }

        return new BeatDataset(signals, rhythm, images, labels, recordNames, rPeaks);
    }

    /// <summary>The record's lead-0 (MLII) and spectrogram-lead indices, as the simulator sends them.</summary>
    public static (int Lead0, int Lead1) LeadsOf(WfdbRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var mlii = record.IndexOfLead("MLII");
        var lead0 = mlii >= 0 ? mlii : 0;
        return (lead0, record.Signals.Count > 1 ? (lead0 == 0 ? 1 : 0) : lead0);
    }

    private static RecordBeats BuildRecord(string directory, string name, EcgNoise? noise, BeatPositions positions)
    {
        var record = WfdbReader.ReadRecord(directory, name);
        var annotations = WfdbAnnotationReader.Read(Path.Combine(directory, name + ".atr"));
        var (lead0, lead1) = LeadsOf(record);
        var ecg = record.ToMillivolts(lead0);
        var second = record.ToMillivolts(lead1);
        var beats = annotations.Where(a => a.IsBeat).ToList();
        var classOf = positions == BeatPositions.Reference
            ? new SortedDictionary<long, AamiClass?>(beats.ToDictionary(a => a.Sample, a => AamiMapping.FromSymbol(a.Symbol)))
            : DetectedBeats(ecg, record.SampleRate, beats);
        noise?.AddTo(ecg, record.SampleRate, name, lead0);
        noise?.AddTo(second, record.SampleRate, name, lead1 == lead0 ? lead0 + 1 : lead1);

        var labelled = BeatFeatureExtraction.Extract(ecg, [.. classOf.Keys], record.SampleRate)
            .Where(b => classOf[b.RPeakSample] is not null)
            .ToList();

        var n = labelled.Count;
        var result = new RecordBeats(name, new float[n * BeatSpec.WindowLength], new float[n * BeatSpec.RhythmFeatureCount],
            new float[n * BeatDataset.ImageSize], new int[n], new long[n]);
        for (var i = 0; i < n; i++)
        {
            var beat = labelled[i];
            beat.Window.CopyTo(result.Signals, i * BeatSpec.WindowLength);
            beat.Rhythm.CopyTo(result.Rhythm, i * BeatSpec.RhythmFeatureCount);
            StftSpectrogram.ComputeBeat(second, beat.RPeakSample, result.Images.AsSpan(i * BeatDataset.ImageSize, BeatDataset.ImageSize));
            result.Labels[i] = (int)classOf[beat.RPeakSample]!.Value;
            result.RPeaks[i] = beat.RPeakSample;
        }

        return result;
    }

    /// <summary>The stream detector's R-peaks on the whole lead, in order, each with the class of the reference beat it is
    /// matched to (null when it matches none, or a beat without an AAMI class).</summary>
    private static SortedDictionary<long, AamiClass?> DetectedBeats(float[] lead0Mv, double sampleRate, List<WfdbAnnotation> reference)
    {
        var detected = new List<long>();
        new StreamingRPeakDetector(sampleRate).Process(lead0Mv, detected);
        var classOf = new SortedDictionary<long, AamiClass?>();
        foreach (var peak in detected)
        {
            classOf[peak] = null;
        }

        foreach (var match in BeatMatching.Match([.. reference.Select(a => a.Sample)], detected, sampleRate))
        {
            classOf[detected[match.Detected]] = AamiMapping.FromSymbol(reference[match.Reference].Symbol);
        }

        return classOf;
    }

    private sealed record RecordBeats(string Name, float[] Signals, float[] Rhythm, float[] Images, int[] Labels, long[] RPeaks);
}
