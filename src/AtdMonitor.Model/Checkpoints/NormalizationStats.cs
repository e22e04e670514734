namespace AtdMonitor.Model.Checkpoints;

/// <summary>
/// Input normalisation x' = (x − Mean[j mod k]) / Std[j mod k] for element j of one sample's flattened input,
/// where k = Mean.Length: k = 1 is one scalar for the whole input, k = the innermost size is per channel
/// (e.g. per variable of a [L, V] history), k = the whole sample size is per element.
/// </summary>
/// <param name="Input">Input name, one of <see cref="InputNames"/>.</param>
/// <param name="Mean">Means, length k.</param>
/// <param name="Std">Standard deviations, length k, all positive.</param>
public sealed record NormalizationStats(string Input, float[] Mean, float[] Std)
{
    private const float MinimumStd = 1e-6f;

    /// <summary>The stats that change nothing.</summary>
    public static NormalizationStats Identity(string input) => new(input, [0f], [1f]);

    /// <summary>Fits per-position (j mod <paramref name="width"/>) mean and standard deviation over many samples.</summary>
    /// <param name="input">Input name.</param>
    /// <param name="values">Samples back to back, each a multiple of <paramref name="width"/> long.</param>
    /// <param name="width">k, the length of the statistics vectors.</param>
    public static NormalizationStats Fit(string input, ReadOnlySpan<float> values, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (values.Length == 0 || values.Length % width != 0)
        {
            throw new ArgumentException($"Cannot fit '{input}' statistics: {values.Length} values is not a positive multiple of width {width}.", nameof(values));
        }

        var sum = new double[width];
        var sumOfSquares = new double[width];
        for (var j = 0; j < values.Length; j++)
        {
            sum[j % width] += values[j];
            sumOfSquares[j % width] += (double)values[j] * values[j];
        }

        var count = values.Length / width;
        var mean = new float[width];
        var std = new float[width];
        for (var i = 0; i < width; i++)
        {
            var average = sum[i] / count;
            mean[i] = (float)average;
            std[i] = Math.Max(MinimumStd, (float)Math.Sqrt(Math.Max(0, (sumOfSquares[i] / count) - (average * average))));
        }

        return new NormalizationStats(input, mean, std);
    }

    /// <summary>Normalises in place; <paramref name="values"/> holds whole samples back to back.</summary>
    public void Apply(Span<float> values)
    {
        Validate(values.Length);
        for (var j = 0; j < values.Length; j++)
        {
            var position = j % Mean.Length;
            values[j] = (values[j] - Mean[position]) / Std[position];
        }
    }

    /// <summary>Throws unless these stats can normalise samples of <paramref name="sampleSize"/> values.</summary>
    public void Validate(int sampleSize)
    {
        if (Mean.Length == 0 || Mean.Length != Std.Length || sampleSize % Mean.Length != 0)
        {
            throw new InvalidDataException(
                $"Normalisation of '{Input}' has {Mean.Length} means and {Std.Length} stds; expected equal lengths that divide {sampleSize}.");
        }

        if (Std.Any(s => !(s > 0) || !float.IsFinite(s)) || Mean.Any(m => !float.IsFinite(m)))
        {
            throw new InvalidDataException($"Normalisation of '{Input}' has a non-finite mean or a std that is not positive.");
        }
    }
}
