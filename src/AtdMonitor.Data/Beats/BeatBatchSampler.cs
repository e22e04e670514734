namespace AtdMonitor.Data.Beats;

/// <summary>
/// Draws batches from a subset of a <see cref="BeatDataset"/> into a preallocated <see cref="BeatBatch"/> (no
/// allocation per batch). Each epoch visits the subset once (optionally shuffled) or, class-balanced, draws the same
/// number of beats with replacement so that every present class is equally likely.
/// </summary>
public sealed class BeatBatchSampler
{
    private readonly BeatDataset _dataset;
    private readonly int[] _indices;
    private readonly int[] _order;
    private readonly bool _shuffle;
    private readonly int[][]? _byClass;
    private readonly Random _random;
    private int _position;

    public BeatBatchSampler(BeatDataset dataset, int[] indices, bool shuffle = true, bool classBalanced = false, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Length == 0)
        {
            throw new ArgumentException("No beats to sample from.", nameof(indices));
        }

        _dataset = dataset;
        _indices = indices;
        _order = (int[])indices.Clone();
        _shuffle = shuffle;
        _random = new Random(seed);
        if (classBalanced)
        {
            _byClass = [.. Enumerable.Range(0, AamiMapping.ClassCount)
                .Select(c => indices.Where(i => dataset.Labels[i] == c).ToArray())
                .Where(members => members.Length > 0)];
        }

        StartEpoch();
    }

    /// <summary>Beats per epoch.</summary>
    public int EpochSize => _indices.Length;

    /// <summary>Starts a new epoch: reshuffles, or redraws the class-balanced sample.</summary>
    public void StartEpoch()
    {
        _position = 0;
        if (_byClass is not null)
        {
            for (var i = 0; i < _order.Length; i++)
            {
                var members = _byClass[_random.Next(_byClass.Length)];
                _order[i] = members[_random.Next(members.Length)];
            }
        }
        else if (_shuffle)
        {
            _random.Shuffle(_order);
        }
    }

    /// <summary>Fills the next batch of the epoch (up to its capacity); returns the number of beats, 0 at the end of the epoch.</summary>
    public int NextBatch(BeatBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var count = Math.Min(batch.Capacity, _order.Length - _position);
        for (var b = 0; b < count; b++)
        {
            var i = _order[_position + b];
            batch.Indices[b] = i;
            batch.Labels[b] = _dataset.Labels[i];
            _dataset.Signals.AsSpan(i * BeatSpec.WindowLength, BeatSpec.WindowLength).CopyTo(batch.Signals.AsSpan(b * BeatSpec.WindowLength));
            _dataset.Rhythm.AsSpan(i * BeatSpec.RhythmFeatureCount, BeatSpec.RhythmFeatureCount).CopyTo(batch.Rhythm.AsSpan(b * BeatSpec.RhythmFeatureCount));
            _dataset.Images.AsSpan(i * BeatDataset.ImageSize, BeatDataset.ImageSize).CopyTo(batch.Images.AsSpan(b * BeatDataset.ImageSize));
        }

        _position += count;
        batch.Count = count;
        return count;
    }
}
