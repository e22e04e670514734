using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>The mutable state of one alarm of one bed inside <see cref="AlarmSystem"/> (guarded by its lock).</summary>
internal sealed class TrackedAlarm(string bed, string type, AlarmPriority priority, bool latched, DateTimeOffset onset, DateTimeOffset raisedAt)
{
    public string Bed { get; } = bed;

    public string Type { get; } = type;

    public AlarmPriority Priority { get; } = priority;

    public bool Latched { get; } = latched;

    public DateTimeOffset Onset { get; } = onset;

    /// <summary><paramref name="time"/>, or the onset when earlier: an end is never before its onset (a device clock stepped back).</summary>
    public DateTimeOffset NotBeforeOnset(DateTimeOffset time) => time < Onset ? Onset : time;

    /// <summary>When the worker raised it, or its condition last came back, on its own clock: a command issued before is
    /// meant for an earlier episode.</summary>
    public DateTimeOffset RaisedAt { get; set; } = raisedAt;

    /// <summary>The commands applied to it: a second copy of one (QoS 1 delivers at least once) is a repeat.</summary>
    public HashSet<AlarmCommand> AppliedCommands { get; } = [];

    public DateTimeOffset? End { get; set; }

    public AlarmAcknowledgement Acknowledgement { get; set; } = AlarmAcknowledgement.Unacknowledged;

    public bool Escalated { get; set; }

    /// <summary>Scheduler time at which it escalates if still unacknowledged; null when it never escalates.</summary>
    public DateTimeOffset? EscalationDue { get; set; }

    public DateTimeOffset? SilencedUntil { get; set; }

    public string? Operator { get; set; }

    public string Message { get; set; } = string.Empty;

    public double Value { get; set; }

    /// <summary>True once the bed is no longer monitored while this alarm's condition lasts (<c>bed_silent</c> of an
    /// evicted bed): an acknowledgement then removes it, as nothing else will end it.</summary>
    public bool Unmonitored { get; set; }

    public IDisposable? EscalationTimer { get; set; }

    public IDisposable? SilenceTimer { get; set; }

    /// <summary><paramref name="alert"/> with this alarm's priority, onset, end and acknowledgement state.</summary>
    public AlertMessage Describe(AlertMessage alert) => alert with
    {
        Priority = Priority,
        Onset = Onset,
        End = End,
        Acknowledgement = Acknowledgement,
        Latched = Latched,
        Escalated = Escalated,
        SilencedUntil = SilencedUntil,
        Operator = Operator,
    };

    public ActiveAlarm Snapshot() =>
        new(Bed, Type, Priority, Onset, End, Acknowledgement, Latched, Escalated, SilencedUntil, Operator, Message, Value);

    /// <summary>What the journal keeps of it (its message cut to <see cref="JournaledAlarm.MaxMessageLength"/>).</summary>
    public JournaledAlarm Journaled() => new(
        Bed, Type, Priority, Onset, End, RaisedAt, Acknowledgement, Escalated, EscalationDue, SilencedUntil, Operator,
        Message.Length <= JournaledAlarm.MaxMessageLength ? Message : Message[..JournaledAlarm.MaxMessageLength], Value);

    public void StopTimers()
    {
        EscalationTimer?.Dispose();
        EscalationTimer = null;
        SilenceTimer?.Dispose();
        SilenceTimer = null;
    }
}
