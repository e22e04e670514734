namespace AtdMonitor.Data.Beats;

/// <summary>Preallocated buffers for one batch of beats, filled by <see cref="BeatBatchSampler"/>.</summary>
public sealed class BeatBatch
{
    public BeatBatch(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        Signals = new float[capacity * BeatSpec.WindowLength];
        Rhythm = new float[capacity * BeatSpec.RhythmFeatureCount];
        Images = new float[capacity * BeatDataset.ImageSize];
        Labels = new int[capacity];
        Indices = new int[capacity];
    }

    public int Capacity { get; }

    /// <summary>Beats filled in (≤ Capacity; the rest of the buffers is stale).</summary>
    public int Count { get; internal set; }

    public float[] Signals { get; }

    public float[] Rhythm { get; }

    public float[] Images { get; }

    public int[] Labels { get; }

    /// <summary>Dataset index of each beat.</summary>
    public int[] Indices { get; }
}
