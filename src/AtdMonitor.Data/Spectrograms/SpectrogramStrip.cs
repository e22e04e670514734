namespace AtdMonitor.Data.Spectrograms;

/// <summary>Per-stream column store: append each window's 32 x 40 image as it arrives, crop the 32 x 32 beat image
/// around an R-peak once all its columns are in.</summary>
public sealed class SpectrogramStrip
{
    private readonly float[] _columns;
    private readonly long[] _columnIndex;

    public SpectrogramStrip(int capacityColumns = 400)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityColumns, SpectrogramSpec.BeatColumns);
        _columns = new float[capacityColumns * SpectrogramSpec.Rows];
        _columnIndex = new long[capacityColumns];
        Reset();
    }

    /// <summary>Columns the strip keeps.</summary>
    public int Capacity => _columnIndex.Length;

    /// <summary>Stores columns firstColumn .. firstColumn + columns − 1 of <paramref name="image"/> (row-major,
    /// <see cref="SpectrogramSpec.Rows"/> x <paramref name="columns"/>); older columns are overwritten when full.</summary>
    public void Append(long firstColumn, ReadOnlySpan<float> image, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstColumn);
        if (image.Length != SpectrogramSpec.Rows * columns)
        {
            throw new ArgumentException($"Image holds {image.Length} values; {SpectrogramSpec.Rows} x {columns} expected.", nameof(image));
        }

        for (var c = 0; c < columns; c++)
        {
            var column = firstColumn + c;
            var slot = (int)(column % Capacity);
            _columnIndex[slot] = column;
            for (var row = 0; row < SpectrogramSpec.Rows; row++)
            {
                _columns[(slot * SpectrogramSpec.Rows) + row] = image[(row * columns) + c];
            }
        }
    }

    /// <summary>Crops the 32 x 32 beat image (row-major) centred on the R-peak's column; false when a column is missing.</summary>
    public bool TryCropBeat(long rPeakSample, Span<float> output)
    {
        const int width = SpectrogramSpec.BeatColumns;
        if (output.Length < SpectrogramSpec.Rows * width)
        {
            throw new ArgumentException($"Output holds {output.Length} values; {SpectrogramSpec.Rows} x {width} needed.", nameof(output));
        }

        var first = SpectrogramSpec.BeatFirstColumn(rPeakSample);
        if (first < 0)
        {
            return false;
        }

        for (var c = 0; c < width; c++)
        {
            if (_columnIndex[(int)((first + c) % Capacity)] != first + c)
            {
                return false;
            }
        }

        for (var c = 0; c < width; c++)
        {
            var slot = (int)((first + c) % Capacity);
            for (var row = 0; row < SpectrogramSpec.Rows; row++)
            {
                output[(row * width) + c] = _columns[(slot * SpectrogramSpec.Rows) + row];
            }
        }

        return true;
    }

    /// <summary>Forgets every column (after a gap).</summary>
    public void Reset() => Array.Fill(_columnIndex, -1L);
}
