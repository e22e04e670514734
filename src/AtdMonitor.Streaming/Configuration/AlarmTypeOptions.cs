using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>
/// How the alarm system treats one alarm type (section <c>Alerts:Alarms:Types:{type}</c>). <see cref="Latching"/> and
/// <see cref="EscalateAfter"/> default from the priority when left out.
/// </summary>
public sealed class AlarmTypeOptions
{
    public AlarmPriority Priority { get; set; } = AlarmPriority.High;

    /// <summary>Stays until acknowledged even after its condition ends; default true for high priority only.</summary>
    public bool? Latching { get; set; }

    /// <summary>
    /// An alarm still unacknowledged (and not silenced) this long after its onset escalates; 00:00:00 never escalates.
    /// Default: high 00:00:30, medium 00:02:00, technical 00:05:00, low never.
    /// </summary>
    public TimeSpan? EscalateAfter { get; set; }

    /// <summary>Longest escalation delay accepted.</summary>
    public static TimeSpan MaxEscalateAfter { get; } = TimeSpan.FromHours(1);

    public bool LatchingOrDefault => Latching ?? Priority == AlarmPriority.High;

    public TimeSpan EscalateAfterOrDefault => EscalateAfter ?? Priority switch
    {
        AlarmPriority.High => TimeSpan.FromSeconds(30),
        AlarmPriority.Medium => TimeSpan.FromMinutes(2),
        AlarmPriority.Technical => TimeSpan.FromMinutes(5),
        _ => TimeSpan.Zero,
    };

    /// <summary>Checks the values; messages name the key as <paramref name="key"/>:Field.</summary>
    public IEnumerable<string> Validate(string key)
    {
        if (!Enum.IsDefined(Priority))
        {
            yield return $"{key}:Priority must be High, Medium, Low or Technical.";
        }

        if (EscalateAfter is { } delay && (delay < TimeSpan.Zero || delay > MaxEscalateAfter))
        {
            yield return $"{key}:EscalateAfter must be between 00:00:00 (never) and {MaxEscalateAfter:c}.";
        }
    }
}
