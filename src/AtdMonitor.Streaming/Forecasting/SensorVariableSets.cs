using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Forecasting;

/// <summary>
/// Bounds the series sensor readings create in the store. Each sensor's variable set is fixed: the forecaster's
/// variables when one is loaded (then a reading must carry exactly those), else the names of the sensor's first
/// reading (then later readings may carry those names only). A new sensor whose set would take the series of all
/// sensors past <c>maxSeries</c> is refused. Refusals come back as a reason for the dead letter and are counted.
/// Not thread-safe: the forecast service handles readings one at a time.
/// </summary>
public sealed class SensorVariableSets(IReadOnlyList<string>? forecasterVariables, int maxSeries)
{
    private readonly Dictionary<string, HashSet<string>> _sets = new(StringComparer.Ordinal);
    private readonly HashSet<string>? _expected = forecasterVariables is null ? null : new HashSet<string>(forecasterVariables, StringComparer.Ordinal);

    /// <summary>Sensor × variable series admitted so far.</summary>
    public int Series { get; private set; }

    /// <summary>Readings refused so far.</summary>
    public long Refused { get; private set; }

    /// <summary>Null when <paramref name="reading"/> fits its sensor's variable set (fixing it on a new sensor), else the reason it is refused.</summary>
    public string? Admit(SensorReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var names = reading.Values.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        if (!_sets.TryGetValue(reading.Sensor, out var set))
        {
            set = _expected ?? names;
            if (Series + set.Count > maxSeries)
            {
                return Refuse($"new sensor '{reading.Sensor}' with {set.Count} variables would exceed the cap of {maxSeries} series (Forecasting:MaxSeries); {Series} are in use.");
            }

            var problem = Difference(set, names);
            if (problem is not null)
            {
                return Refuse(problem);
            }

            _sets.Add(reading.Sensor, set);
            Series += set.Count;
            return null;
        }

        var difference = Difference(set, names);
        return difference is null ? null : Refuse(difference);
    }

    /// <summary>The names outside <paramref name="set"/>, and (with a forecaster) the forecaster's names missing; null when none.</summary>
    private string? Difference(HashSet<string> set, HashSet<string> names)
    {
        var unexpected = names.Where(n => !set.Contains(n)).Order(StringComparer.Ordinal).ToList();
        var missing = _expected is null ? [] : _expected.Where(n => !names.Contains(n)).Order(StringComparer.Ordinal).ToList();
        if (unexpected.Count == 0 && missing.Count == 0)
        {
            return null;
        }

        var owner = _expected is null ? "the sensor's variables (fixed by its first reading)" : "the forecaster's variables";
        var parts = new List<string>();
        if (missing.Count > 0)
        {
            parts.Add($"lacks {string.Join(", ", missing)}");
        }

        if (unexpected.Count > 0)
        {
            parts.Add($"has {string.Join(", ", unexpected)} beyond them");
        }

        return $"reading does not match {owner} ({string.Join(", ", set.Order(StringComparer.Ordinal))}): it {string.Join(" and ", parts)}.";
    }

    private string Refuse(string reason)
    {
        Refused++;
        return reason;
    }
}
