namespace AtdMonitor.Data.Beats;

/// <summary>Beats of several records in contiguous arrays: beat i's window is
/// <c>Signals[i*256 .. (i+1)*256)</c>, its RR features <c>Rhythm[i*4 ..]</c>, its spectrogram image
/// <c>Images[i*1024 ..]</c> (32 x 32 row-major), its AAMI class <c>Labels[i]</c>, whether it has an image
/// <c>ImagePresent[i]</c>.</summary>
public sealed class BeatDataset
{
    /// <summary>Values per beat image (32 x 32).</summary>
    public const int ImageSize = Spectrograms.SpectrogramSpec.Rows * Spectrograms.SpectrogramSpec.BeatColumns;

    public BeatDataset(float[] signals, float[] rhythm, float[] images, int[] labels, string[] recordNames, long[] rPeakSamples, bool[]? imagePresent = null)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(rhythm);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(recordNames);
        ArgumentNullException.ThrowIfNull(rPeakSamples);
        var count = labels.Length;
        if (signals.Length != count * BeatSpec.WindowLength || rhythm.Length != count * BeatSpec.RhythmFeatureCount
            || images.Length != count * ImageSize || recordNames.Length != count || rPeakSamples.Length != count
            || (imagePresent is not null && imagePresent.Length != count))
        {
            throw new ArgumentException($"Arrays do not all describe {count} beats.", nameof(signals));
        }

        Count = count;
        Signals = signals;
        Rhythm = rhythm;
        Images = images;
        Labels = labels;
        RecordNames = recordNames;
        RPeakSamples = rPeakSamples;
        ImagePresent = imagePresent ?? Enumerable.Repeat(true, count).ToArray();
    }

    public int Count { get; }

    /// <summary>Normalised beat windows, Count x 256.</summary>
    public float[] Signals { get; }

    /// <summary>RR features, Count x 4.</summary>
    public float[] Rhythm { get; }

    /// <summary>Beat spectrogram images, Count x 32 x 32 (any values where <see cref="ImagePresent"/> is false).</summary>
    public float[] Images { get; }

    /// <summary>AAMI class index per beat.</summary>
    public int[] Labels { get; }

    /// <summary>Record name per beat.</summary>
    public string[] RecordNames { get; }

    /// <summary>R-peak sample index per beat (in its record).</summary>
    public long[] RPeakSamples { get; }

    /// <summary>Per beat: false where the model gets its missing-image token instead of the image (a recorded beat whose
    /// image never arrived, as the worker classified it); all true unless the constructor was given a mask.</summary>
    public bool[] ImagePresent { get; }

    /// <summary>Beats per class (index = AAMI class) among <paramref name="indices"/>, or all beats.</summary>
    public int[] ClassCounts(IEnumerable<int>? indices = null)
    {
        var counts = new int[AamiMapping.ClassCount];
        foreach (var i in indices ?? Enumerable.Range(0, Count))
        {
            counts[Labels[i]]++;
        }

        return counts;
    }

    /// <summary>Indices of the beats of the given records, in order.</summary>
    public int[] IndicesOf(IEnumerable<string> records)
    {
        var set = records.ToHashSet(StringComparer.Ordinal);
        return [.. Enumerable.Range(0, Count).Where(i => set.Contains(RecordNames[i]))];
    }
}
