namespace AtdMonitor.Data.Ett;

/// <summary>Per-variable z-score: (x − mean) / std with statistics fitted on training rows only.</summary>
public sealed class EttScaler
{
    public EttScaler(float[] mean, float[] std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Length != std.Length || std.Any(s => !(s > 0)))
        {
            throw new ArgumentException("Expected as many positive standard deviations as means.", nameof(std));
        }

        Mean = mean;
        Std = std;
    }

    /// <summary>Mean per table column.</summary>
    public float[] Mean { get; }

    /// <summary>Standard deviation (population) per table column.</summary>
    public float[] Std { get; }

    /// <summary>Fits the mean and standard deviation of every column over <paramref name="rows"/>.</summary>
    public static EttScaler Fit(EttTable table, EttRange rows)
    {
        ArgumentNullException.ThrowIfNull(table);
        var mean = new float[table.Columns.Length];
        var std = new float[table.Columns.Length];
        for (var c = 0; c < mean.Length; c++)
        {
            var values = table.Values[c].AsSpan(rows.Start, rows.Length);
            double sum = 0, squares = 0;
            foreach (var v in values)
            {
                sum += v;
            }

            var m = sum / values.Length;
            foreach (var v in values)
            {
                squares += (v - m) * (v - m);
            }

            mean[c] = (float)m;
            std[c] = (float)Math.Max(Math.Sqrt(squares / values.Length), 1e-6);
        }

        return new EttScaler(mean, std);
    }

    public float Normalise(int column, float value) => (value - Mean[column]) / Std[column];

    public float Denormalise(int column, float value) => (value * Std[column]) + Mean[column];
}
