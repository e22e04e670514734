namespace AtdMonitor.Training.Arrhythmia;

/// <summary>Copies the rows of selected beats out of a dataset's flat per-beat arrays.</summary>
internal static class BeatArrays
{
    /// <summary>Rows <paramref name="indices"/> of <paramref name="values"/> (rows of <paramref name="width"/> values), back to back.</summary>
    public static float[] Gather(float[] values, int width, IReadOnlyList<int> indices)
    {
        var result = new float[indices.Count * width];
        for (var i = 0; i < indices.Count; i++)
        {
            Array.Copy(values, (long)indices[i] * width, result, (long)i * width, width);
        }

        return result;
    }
}
