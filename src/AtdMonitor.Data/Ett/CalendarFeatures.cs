namespace AtdMonitor.Data.Ett;

/// <summary>Calendar features of a time step: hour 0..23, weekday 0..6 (Monday = 0), day of month − 1, month − 1.</summary>
public static class CalendarFeatures
{
    /// <summary>Features per time step.</summary>
    public const int Fields = 4;

    /// <summary>Number of values each field takes (embedding sizes): 24, 7, 31, 12.</summary>
    public static IReadOnlyList<int> Cardinalities { get; } = [24, 7, 31, 12];

    /// <summary>Writes the 4 features of <paramref name="time"/> to <paramref name="output"/>.</summary>
    public static void Encode(DateTime time, Span<int> output)
    {
        if (output.Length < Fields)
        {
            throw new ArgumentException($"Output holds {output.Length} values; {Fields} needed.", nameof(output));
        }

        output[0] = time.Hour;
        output[1] = ((int)time.DayOfWeek + 6) % 7;
        output[2] = time.Day - 1;
        output[3] = time.Month - 1;
    }
}
