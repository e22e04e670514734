using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Protocol.Validation;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>
/// The alarm system (IEC 60601-1-8): each alarm type's priority, latching and escalation, and the bounds on operators'
/// commands. Section <c>Alerts:Alarms</c>. A type missing from <see cref="Types"/> is treated as high priority, so an
/// alarm the table does not know is never quieter than it should be.
/// </summary>
public sealed class AlarmSystemOptions
{
    /// <summary>Longest silence a command may ask for (at most the protocol's limit, 00:15:00).</summary>
    public TimeSpan MaxSilence { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A command issued longer ago than this (or this far in the future) is refused: no acknowledging with a stale or replayed command.</summary>
    public TimeSpan MaxCommandAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The alarm journal, a file of JSON lines that keeps the latched alarms not yet acknowledged across a restart
    /// (relative to the working folder: the state folder in every deployment). Empty keeps no journal: a restart then
    /// loses those alarms (<c>atd demo</c>, <c>score</c> and the benchmark, whose replays start from an empty board).
    /// </summary>
    public string JournalPath { get; set; } = "atd-alarms.jsonl";

    /// <summary>Per alarm type (the alert's <c>type</c>); configuration adds types or overrides these defaults.</summary>
    public Dictionary<string, AlarmTypeOptions> Types { get; set; } = new(StringComparer.Ordinal)
    {
        [AlertTypes.VentricularFibrillation] = new() { Priority = AlarmPriority.High },
        [AlertTypes.VentricularTachycardia] = new() { Priority = AlarmPriority.High },
        [AlertTypes.Asystole] = new() { Priority = AlarmPriority.High },
        [AlertTypes.AtrialFibrillation] = new() { Priority = AlarmPriority.Medium },
        [AlertTypes.SupraventricularTachycardia] = new() { Priority = AlarmPriority.Medium },
        [AlertTypes.Pause] = new() { Priority = AlarmPriority.Medium },
        [AlertTypes.Bradycardia] = new() { Priority = AlarmPriority.Medium },
        [AlertTypes.Tachycardia] = new() { Priority = AlarmPriority.Medium },
        [AlertTypes.FrequentEctopy] = new() { Priority = AlarmPriority.Low },
        [AlertTypes.Couplet] = new() { Priority = AlarmPriority.Low },
        [AlertTypes.Bigeminy] = new() { Priority = AlarmPriority.Low },
        [AlertTypes.Trigeminy] = new() { Priority = AlarmPriority.Low },
        [AlertTypes.PvcRate] = new() { Priority = AlarmPriority.Low },
        [AlertTypes.VentricularRun] = new() { Priority = AlarmPriority.Low },
        [AlertTypes.ForecastHigh] = new() { Priority = AlarmPriority.Low },
        [AlertTypes.ForecastLow] = new() { Priority = AlarmPriority.Low },
        [AlertTypes.SignalQuality] = new() { Priority = AlarmPriority.Technical },
        [AlertTypes.BedSilent] = new() { Priority = AlarmPriority.Technical },
    };

    /// <summary>Why the journal cannot be kept at <paramref name="path"/>, or null.</summary>
    private static string? JournalProblem(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"is not a file path: {ex.Message}";
        }

        return Directory.Exists(full) ? "is a folder: it must name a file."
            : !Directory.Exists(Path.GetDirectoryName(full)) ? $"is in a folder that does not exist ({Path.GetDirectoryName(full)})."
            : null;
    }

    /// <summary>The settings of <paramref name="type"/>; a type not in the table is high priority.</summary>
    public AlarmTypeOptions For(string type) => Types.TryGetValue(type, out var options) && options is not null ? options : UnknownType;

    private static AlarmTypeOptions UnknownType { get; } = new() { Priority = AlarmPriority.High };

    /// <summary>Checks the values; messages name the key as <paramref name="key"/>:Field.</summary>
    public IEnumerable<string> Validate(string key)
    {
        var protocolMax = ProtocolLimits.Default.MaxSilence;
        if (MaxSilence < TimeSpan.FromSeconds(1) || MaxSilence > protocolMax)
        {
            yield return $"{key}:MaxSilence must be between 00:00:01 and {protocolMax:c} (the protocol's limit).";
        }

        if (MaxCommandAge < TimeSpan.FromSeconds(1) || MaxCommandAge > TimeSpan.FromMinutes(10))
        {
            yield return $"{key}:MaxCommandAge must be between 00:00:01 and 00:10:00.";
        }

        if (JournalPath is null)
        {
            yield return $"{key}:JournalPath must be a file path, or empty for no journal.";
        }
        else if (JournalPath.Length > 0 && JournalProblem(JournalPath) is { } problem)
        {
            yield return $"{key}:JournalPath '{JournalPath}' {problem}";
        }

        if (Types is null)
        {
            yield return $"{key}:Types must be an object.";
            yield break;
        }

        foreach (var (type, options) in Types)
        {
            if (!AtdTopics.IsValidId(type))
            {
                yield return $"{key}:Types: '{type}' is not an alarm type (1 to 64 of A-Z, a-z, 0-9, '_' or '-').";
            }
            else if (options is null)
            {
                yield return $"{key}:Types:{type} must be an object.";
            }
            else
            {
                foreach (var problem in options.Validate($"{key}:Types:{type}"))
                {
                    yield return problem;
                }
            }
        }
    }
}
