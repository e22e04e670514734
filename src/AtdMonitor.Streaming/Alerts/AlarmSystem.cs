using System.Globalization;
using System.Reactive.Concurrency;
using System.Text;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Validation;
using System.Reactive.Subjects;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>
/// The alarm system in the sense of IEC 60601-1-8, between the detectors and the alert topic. Each detector event
/// (<see cref="Track"/>) gets its alarm's priority, onset, end and acknowledgement state. A latching alarm (high priority
/// by default) stays on the board after its condition ends, "condition ended, unacknowledged", until someone
/// acknowledges it. An alarm left unacknowledged escalates after its delay (a silence postpones that to the silence's
/// end). Operators acknowledge and silence through <see cref="Execute"/>; every command is audited in the store
/// (<c>alarm_command</c>) and its outcome published as an alert event. Every event leaves through <see cref="Events"/> in
/// the order it was decided. Timers and "now" come from the <see cref="IScheduler"/> (virtual time in tests). Each change
/// of a latched alarm not yet acknowledged is kept in the <see cref="IAlarmJournal"/> as it is decided, and
/// <see cref="Restore"/> puts those alarms back on the board after a restart.
/// </summary>
public sealed partial class AlarmSystem : IAlarmCommands, IAlarmBoard, IDisposable
{
    private readonly object _gate = new();
    private readonly object _delivery = new();
    private readonly Queue<AlertMessage> _outbox = new();
    private readonly Dictionary<(string Bed, string Type), TrackedAlarm> _alarms = [];
    /// <summary>How far before an episode's raise a command may be stamped and still be taken as issued after it: the
    /// stations' clocks and the worker's differ (NTP keeps them within milliseconds; this allows for a poorly kept one).</summary>
    public static readonly TimeSpan CommandClockTolerance = TimeSpan.FromSeconds(2);

    /// <summary>What the message of an alarm put back on the board by <see cref="Restore"/> says.</summary>
    public const string RestoredNote = "restored after a worker restart";

    private readonly AlarmSystemOptions _options;
    private readonly int _maxUnmonitored;
    private readonly Subject<AlertMessage> _events = new();
    private readonly IMeasurementSink _sink;
    private readonly IAlarmJournal _journal;
    private readonly IScheduler _scheduler;
    private readonly ILogger<AlarmSystem> _logger;

    public AlarmSystem(IOptions<AlertsOptions> options, IMeasurementSink sink, IAlarmJournal journal, IScheduler scheduler, ILogger<AlarmSystem> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Alarms;
        _maxUnmonitored = options.Value.BedSilent.MaxUnmonitored;
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _journal = journal ?? throw new ArgumentNullException(nameof(journal));
        _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// Every event of the alarm system, in the order it decided them whichever thread decided them: tracked detector
    /// events, command outcomes, silence ends, escalations. An observer runs outside the alarm system's lock (it may read
    /// the board) and one event at a time; a caller of <see cref="Track"/>, <see cref="Execute"/> returns once its own
    /// event has been delivered.
    /// </summary>
    public IObservable<AlertMessage> Events => _events;

    /// <summary>
    /// Puts back on the board every alarm the journal kept from before this start (latched, not acknowledged) with its
    /// priority, onset, end, escalation and silence, and publishes each as a <c>clear</c> "restored after a worker restart;
    /// condition ended", so the restart is in the store, on the alert topic and in the log. A condition that still lasted
    /// when the last worker stopped is not known to last now: it ends at this start, and if it still holds its detector
    /// raises it again into the same alarm. A silence that ran out meanwhile has ended; an escalation that fell due
    /// meanwhile happens now. Call once at start, before any detector event or command; an alarm this worker already
    /// raised is newer and stays as it is.
    /// </summary>
    public void Restore()
    {
        var journaled = _journal.Restore();
        var restored = 0;
        lock (_gate)
        {
            var now = _scheduler.Now;
            foreach (var entry in journaled)
            {
                if (_alarms.ContainsKey((entry.Bed, entry.Type)))
                {
                    continue;
                }

                // The journal's times are the last worker's clock, or an edited file's: none is taken later than this
                // worker would set it now, so a clock that ran ahead (or a hostile line) cannot refuse every
                // acknowledgement as "meant for an earlier episode", silence the alarm beyond Alerts:Alarms:MaxSilence,
                // or put its escalation off beyond its type's delay.
                var escalateAfter = _options.For(entry.Type).EscalateAfterOrDefault;
                var raisedAt = entry.RaisedAt < now ? entry.RaisedAt : now;
                var silencedUntil = entry.SilencedUntil is { } silence && silence > now + _options.MaxSilence ? now + _options.MaxSilence : entry.SilencedUntil;
                var escalationDue = entry.EscalationDue is { } due0 && escalateAfter > TimeSpan.Zero && due0 > now + escalateAfter ? now + escalateAfter : entry.EscalationDue;
                var alarm = new TrackedAlarm(entry.Bed, entry.Type, entry.Priority, latched: true, entry.Onset, raisedAt)
                {
                    Escalated = entry.Escalated,
                    Operator = entry.Operator,
                    Message = entry.Message.EndsWith($" ({RestoredNote})", StringComparison.Ordinal) ? entry.Message : $"{entry.Message} ({RestoredNote})",
                    Value = entry.Value,
                };
                alarm.End = entry.End ?? alarm.NotBeforeOnset(now);
                _alarms[(alarm.Bed, alarm.Type)] = alarm;
                if (silencedUntil is { } until && until > now)
                {
                    alarm.Acknowledgement = AlarmAcknowledgement.Silenced;
                    alarm.SilencedUntil = until;
                    alarm.SilenceTimer = _scheduler.Schedule(until - now, () => EndSilence(alarm, until));
                }

                if (!alarm.Escalated && escalationDue is { } due)
                {
                    ScheduleEscalation(alarm, due);
                }

                var state = alarm.Acknowledgement == AlarmAcknowledgement.Silenced ? "silenced" : "unacknowledged";
                Enqueue(alarm.Describe(new AlertMessage(alarm.Bed, now, alarm.Type, AlertState.Clear, $"{alarm.Type}: {RestoredNote}; condition ended, {state}", alarm.Value)));
                Journal(alarm);
                restored++;
            }
        }

        LogRestored(restored);
        Deliver();
    }

    /// <summary>
    /// Takes a detector's raise or clear into the alarm state, publishes it on <see cref="Events"/> with the alarm fields
    /// filled and returns it; a latched alarm's clear says "condition ended, unacknowledged". Other events pass unchanged.
    /// </summary>
    public AlertMessage Track(AlertMessage alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        AlertMessage tracked;
        lock (_gate)
        {
            tracked = alert.State is AlertState.Raise or AlertState.Clear ? Decide(alert) : alert;
            Enqueue(tracked);
        }

        Deliver();
        return tracked;
    }

    /// <summary>
    /// The bed is no longer monitored (released for silence, or its alarms reset after a fault): the detectors that
    /// judged its conditions are gone, so every condition of the bed's own alarms still active ends at
    /// <paramref name="time"/> (the bed's last data, never before an alarm's onset), "<paramref name="reason"/>". A
    /// latched alarm stays on the board until someone acknowledges it. <c>bed_silent</c> stays active, as the bed is
    /// still silent, until the bed sends again or someone acknowledges it. Alarms of other sources under the same id (a
    /// sensor's forecast alarms) are left alone. Without this a later episode would find the old alarm, with its
    /// acknowledgement and without its escalation.
    /// </summary>
    public void EndConditions(string bed, DateTimeOffset time, string reason)
    {
        ArgumentNullException.ThrowIfNull(bed);
        lock (_gate)
        {
            foreach (var alarm in _alarms.Values.Where(a => a.Bed == bed && a.End is null && a.Type is not (AlertTypes.ForecastHigh or AlertTypes.ForecastLow)).ToList())
            {
                if (alarm.Type == AlertTypes.BedSilent)
                {
                    alarm.Unmonitored = true;
                    continue;
                }

                Enqueue(Decide(new AlertMessage(bed, alarm.NotBeforeOnset(time), alarm.Type, AlertState.Clear, $"{alarm.Type}: {reason}", alarm.Value)));
            }

            RemoveUnmonitoredBeyondLimit();
        }

        Deliver();
    }

    /// <summary>The alarm system's clock.</summary>
    public DateTimeOffset Now => _scheduler.Now;

    /// <summary>True while the bed's alarm of <paramref name="type"/> is active (raised, its condition not ended).</summary>
    public bool IsActive(string bed, string type)
    {
        lock (_gate)
        {
            return _alarms.TryGetValue((bed, type), out var alarm) && alarm.End is null;
        }
    }

    public IReadOnlyList<ActiveAlarm> Snapshot()
    {
        lock (_gate)
        {
            return _alarms.Values
                .OrderByDescending(alarm => alarm.Priority)
                .ThenBy(alarm => alarm.Onset)
                .ThenBy(alarm => alarm.Bed, StringComparer.Ordinal)
                .Select(alarm => alarm.Snapshot())
                .ToList();
        }
    }

    public AlarmCommandOutcome Execute(AlarmCommand command, string source)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (source is not (AlarmCommandSources.Mqtt or AlarmCommandSources.Station))
        {
            throw new ArgumentException($"source must be '{AlarmCommandSources.Mqtt}' or '{AlarmCommandSources.Station}', not '{source}'.", nameof(source));
        }
        var now = _scheduler.Now;
        AlarmCommandOutcome outcome;
        lock (_gate)
        {
            outcome = Decide(command, now);
            Enqueue(outcome.Event);
        }

        var audit = new AlarmCommandAudit(
            now, Printable(command.Bed), Printable(command.Alarm), command.Action, Printable(command.Operator), source,
            outcome.Status, outcome.Reason, command.IssuedAt, command.SilenceFor);
        LogCommand(audit.Source, audit.Operator, audit.Action, audit.Bed, audit.Alarm, audit.Outcome, audit.Reason);
        try
        {
            _sink.Write([AlarmCommandPoint.Of(audit)], WritePriority.Alert);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The command is decided and its event on its way: a lost audit point is logged, not a reason to report it failed.
            LogAuditFailed(audit.Bed, audit.Alarm, ex);
        }
        finally
        {
            Deliver();
        }

        return outcome;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var alarm in _alarms.Values)
            {
                alarm.StopTimers();
            }

            _alarms.Clear();
        }

        lock (_delivery)
        {
            _events.OnCompleted();
        }
    }

    /// <summary>A detector's raise or clear taken into the alarm state (under the lock).</summary>
    private AlertMessage Decide(AlertMessage alert)
    {
        var settings = _options.For(alert.Type);
        var key = (alert.Bed, alert.Type);
        _alarms.TryGetValue(key, out var alarm);
        if (alert.State == AlertState.Raise)
        {
            if (alarm is null)
            {
                // The detector's onset: when its condition began, which a minimum duration puts before the raise.
                alarm = new TrackedAlarm(alert.Bed, alert.Type, settings.Priority, settings.LatchingOrDefault, alert.Onset ?? alert.Time, _scheduler.Now);
                _alarms[key] = alarm;
                if (settings.EscalateAfterOrDefault > TimeSpan.Zero)
                {
                    ScheduleEscalation(alarm, _scheduler.Now + settings.EscalateAfterOrDefault);
                }
            }

            // A latched alarm whose condition returns is the same alarm, still waiting for its acknowledgement; a command
            // issued while the condition was away was meant for the episode that ended.
            if (alarm.End is not null)
            {
                alarm.RaisedAt = _scheduler.Now;
            }

            alarm.End = null;
            alarm.Message = alert.Message;
            alarm.Value = alert.Value;
            Journal(alarm);
            return alarm.Describe(alert);
        }

        if (alarm is null)
        {
            // A clear of an alarm raised before this worker started: nothing to latch.
            return alert with { Priority = settings.Priority, End = alert.End ?? alert.Time };
        }

        // The detector's end: when its condition ended, which k-of-n clear votes put before the clear; never before the
        // onset (a device clock stepped back between them).
        alarm.End = alarm.NotBeforeOnset(alert.End ?? alert.Time);
        if (alarm.Latched && alarm.Acknowledgement != AlarmAcknowledgement.Acknowledged)
        {
            Journal(alarm);
            return alarm.Describe(alert with { Message = alert.Message + "; condition ended, unacknowledged" });
        }

        Remove(key, alarm);
        return alarm.Describe(alert);
    }

    private AlarmCommandOutcome Decide(AlarmCommand command, DateTimeOffset now)
    {
        if (AlarmCommandRules.Check(command, ProtocolLimits.Default) is { } problem)
        {
            return new AlarmCommandOutcome(AlarmCommandStatus.Invalid, problem, null);
        }

        if (command.SilenceFor > _options.MaxSilence)
        {
            return new AlarmCommandOutcome(AlarmCommandStatus.Invalid, $"silence_for {command.SilenceFor:c} exceeds Alerts:Alarms:MaxSilence ({_options.MaxSilence:c}).", null);
        }

        var key = (command.Bed, command.Alarm);
        if (!_options.Types.ContainsKey(command.Alarm) && !_alarms.ContainsKey(key))
        {
            return new AlarmCommandOutcome(AlarmCommandStatus.Invalid, $"unknown alarm type '{command.Alarm}'.", null);
        }

        var age = now - command.IssuedAt;
        if (age.Duration() > _options.MaxCommandAge)
        {
            var when = age > TimeSpan.Zero ? $"{Seconds(age)} ago" : $"{Seconds(-age)} in the future";
            return Refuse(command, now, $"issued {when}; commands more than {Seconds(_options.MaxCommandAge)} off the worker's clock are refused.");
        }

        if (!_alarms.TryGetValue(key, out var alarm))
        {
            return Refuse(command, now, $"no {command.Alarm} alarm on bed {command.Bed}.");
        }

        if (alarm.Acknowledgement == AlarmAcknowledgement.Acknowledged)
        {
            return Refuse(command, now, $"{command.Alarm} on bed {command.Bed} is already acknowledged by {alarm.Operator}.");
        }

        // A command delivered again, or late, must not act on an episode nobody saw when it was issued. Stations' clocks
        // are not the worker's: a command issued within CommandClockTolerance before the raise counts as after it.
        if (command.IssuedAt < alarm.RaisedAt - CommandClockTolerance)
        {
            return Refuse(command, now, $"issued {Seconds(alarm.RaisedAt - command.IssuedAt)} before this {command.Alarm} episode was raised: it was meant for an earlier one.");
        }

        if (alarm.AppliedCommands.Contains(command))
        {
            return Refuse(command, now, $"a repeat of a command already applied to this {command.Alarm} alarm.");
        }

        return command.Action == AlarmAction.Acknowledge ? Acknowledge(key, alarm, command, now) : Silence(alarm, command, now);
    }

    private AlarmCommandOutcome Acknowledge((string, string) key, TrackedAlarm alarm, AlarmCommand command, DateTimeOffset now)
    {
        alarm.StopTimers();
        alarm.AppliedCommands.Add(command);
        alarm.Acknowledgement = AlarmAcknowledgement.Acknowledged;
        alarm.SilencedUntil = null;
        alarm.Operator = command.Operator;
        var text = $"{alarm.Type} acknowledged by {command.Operator}";
        if (alarm.End is not null)
        {
            Remove(key, alarm);
            text += "; condition had ended, alarm removed";
        }
        else if (alarm.Unmonitored)
        {
            Remove(key, alarm);
            text += "; bed no longer monitored, alarm removed";
        }

        Journal(alarm);

        var published = alarm.Describe(new AlertMessage(alarm.Bed, now, alarm.Type, AlertState.Acknowledge, text, alarm.Value));
        return new AlarmCommandOutcome(AlarmCommandStatus.Applied, text + ".", published);
    }

    private AlarmCommandOutcome Silence(TrackedAlarm alarm, AlarmCommand command, DateTimeOffset now)
    {
        // Counted from when it was issued, so a late delivery silences no longer than the operator asked.
        var duration = command.SilenceFor!.Value;
        var until = (command.IssuedAt < now ? command.IssuedAt : now) + duration;
        if (until <= now)
        {
            return Refuse(command, now, $"a silence of {duration:c} issued {Seconds(now - command.IssuedAt)} ago would already be over.");
        }

        alarm.AppliedCommands.Add(command);
        alarm.SilenceTimer?.Dispose();
        alarm.Acknowledgement = AlarmAcknowledgement.Silenced;
        alarm.SilencedUntil = until;
        alarm.Operator = command.Operator;
        alarm.SilenceTimer = _scheduler.Schedule(until - now, () => EndSilence(alarm, until));
        Journal(alarm);
        var text = $"{alarm.Type} silenced by {command.Operator} for {duration:c}";
        var published = alarm.Describe(new AlertMessage(alarm.Bed, now, alarm.Type, AlertState.Silence, text, alarm.Value));
        return new AlarmCommandOutcome(AlarmCommandStatus.Applied, text + ".", published);
    }

    private static AlarmCommandOutcome Refuse(AlarmCommand command, DateTimeOffset now, string reason)
    {
        var published = new AlertMessage(command.Bed, now, command.Alarm, AlertState.Refuse, $"{command.Action.ToString().ToLowerInvariant()} by {command.Operator} refused: {reason}", 0, Operator: command.Operator);
        return new AlarmCommandOutcome(AlarmCommandStatus.Refused, reason, published);
    }

    /// <summary>Escalates the alarm at <paramref name="due"/> if still unacknowledged then (at once when already past).</summary>
    private void ScheduleEscalation(TrackedAlarm alarm, DateTimeOffset due)
    {
        alarm.EscalationDue = due;
        alarm.EscalationTimer = _scheduler.Schedule(due, () => OnEscalationDue(alarm));
    }

    private void OnEscalationDue(TrackedAlarm alarm)
    {
        lock (_gate)
        {
            // A silenced alarm escalates when its silence ends, if still unacknowledged then.
            if (IsCurrent(alarm) && alarm.Acknowledgement == AlarmAcknowledgement.Unacknowledged)
            {
                Enqueue(Escalate(alarm));
            }
        }

        Deliver();
    }

    private void EndSilence(TrackedAlarm alarm, DateTimeOffset until)
    {
        lock (_gate)
        {
            if (!IsCurrent(alarm) || alarm.Acknowledgement != AlarmAcknowledgement.Silenced || alarm.SilencedUntil != until)
            {
                return;
            }

            alarm.Acknowledgement = AlarmAcknowledgement.Unacknowledged;
            alarm.SilencedUntil = null;
            alarm.SilenceTimer = null;
            Journal(alarm);
            var now = _scheduler.Now;
            Enqueue(alarm.Describe(new AlertMessage(alarm.Bed, now, alarm.Type, AlertState.SilenceEnd, $"{alarm.Type}: silence ended, unacknowledged", alarm.Value)));
            if (alarm.EscalationDue <= now)
            {
                Enqueue(Escalate(alarm));
            }
        }

        Deliver();
    }

    /// <summary>Marks the alarm escalated and returns its escalate event; null when it already was.</summary>
    private AlertMessage? Escalate(TrackedAlarm alarm)
    {
        if (alarm.Escalated)
        {
            return null;
        }

        alarm.Escalated = true;
        Journal(alarm);
        var text = $"{alarm.Type} unacknowledged since {alarm.Onset:HH:mm:ss}: escalated";
        return alarm.Describe(new AlertMessage(alarm.Bed, _scheduler.Now, alarm.Type, AlertState.Escalate, text, alarm.Value));
    }

    /// <summary>Queues an event in the order the alarm system decided it. Called under the lock.</summary>
    private void Enqueue(AlertMessage? alert)
    {
        if (alert is not null)
        {
            _outbox.Enqueue(alert);
        }
    }

    /// <summary>
    /// Publishes the queued events in the order they were decided, outside the lock, so that an observer that reads the
    /// board (or blocks) cannot deadlock with a timer, and an acknowledgement decided before a clear on another thread
    /// is not delivered after it. One thread delivers at a time, until the queue is empty: a caller's own event is out
    /// when this returns. An observer whose action decides another event leaves its delivery to the loop it runs in; an
    /// event an observer fails on is logged, and the others go on.
    /// </summary>
    private void Deliver()
    {
        if (Monitor.IsEntered(_delivery))
        {
            return;
        }

        lock (_delivery)
        {
            while (true)
            {
                AlertMessage? next;
                lock (_gate)
                {
                    if (!_outbox.TryDequeue(out next))
                    {
                        return;
                    }
                }

                try
                {
                    _events.OnNext(next);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // One event that could not be sent must not hold back the others, nor fail the caller that delivers it.
                    LogDeliveryFailed(next.Bed, next.Type, next.State, ex);
                }
            }
        }
    }

    private bool IsCurrent(TrackedAlarm alarm) => _alarms.TryGetValue((alarm.Bed, alarm.Type), out var current) && ReferenceEquals(current, alarm);

    /// <summary>Removes the oldest <c>bed_silent</c> alarms of beds no longer monitored beyond <c>Alerts:BedSilent:MaxUnmonitored</c> (under the lock).</summary>
    private void RemoveUnmonitoredBeyondLimit()
    {
        var unmonitored = _alarms.Where(entry => entry.Value.Unmonitored).ToList();
        foreach (var (key, alarm) in unmonitored.OrderBy(entry => entry.Value.RaisedAt).Take(unmonitored.Count - _maxUnmonitored))
        {
            Remove(key, alarm);
            alarm.End = _scheduler.Now;
            var text = $"bed silent: removed unacknowledged, more than {_maxUnmonitored} beds no longer monitored are on the board (Alerts:BedSilent:MaxUnmonitored)";
            Enqueue(alarm.Describe(new AlertMessage(alarm.Bed, _scheduler.Now, alarm.Type, AlertState.Clear, text, 0)));
            LogUnmonitoredRemoved(alarm.Bed, _maxUnmonitored);
        }
    }

    private void Remove((string, string) key, TrackedAlarm alarm)
    {
        alarm.StopTimers();
        _alarms.Remove(key);
        Journal(alarm);
    }

    /// <summary>Keeps the journal in step with a latched alarm just changed: recorded while it waits for an
    /// acknowledgement, forgotten once acknowledged or removed. Under the lock, so its lines follow the decisions' order.</summary>
    private void Journal(TrackedAlarm alarm)
    {
        if (!alarm.Latched)
        {
            return;
        }

        if (IsCurrent(alarm) && alarm.Acknowledgement != AlarmAcknowledgement.Acknowledged)
        {
            _journal.Record(alarm.Journaled());
        }
        else
        {
            _journal.Forget(alarm.Bed, alarm.Type);
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    /// <summary>At most 64 characters of A-Z a-z 0-9 _ - . @, others as '?': a hostile command's fields are safe as store tags.</summary>
    private static string Printable(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "?";
        }

        var builder = new StringBuilder(Math.Min(text.Length, 64));
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, 64)))
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '@' ? c : '?');
        }

        return builder.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm journal: {Count} latched alarms not yet acknowledged restored onto the board")]
    private partial void LogRestored(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "bed_silent of {Bed}, no longer monitored, removed unacknowledged: more than {Max} such alarms (Alerts:BedSilent:MaxUnmonitored)")]
    private partial void LogUnmonitoredRemoved(string bed, int max);

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit point of a command on {Bed} {Alarm} could not be written")]
    private partial void LogAuditFailed(string bed, string alarm, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm event {State} {Bed} {Type} could not be sent")]
    private partial void LogDeliveryFailed(string bed, string type, AlertState state, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm command from {Source}: {Operator} {Action} {Bed} {Alarm}: {Outcome} ({Reason})")]
    private partial void LogCommand(string source, string @operator, AlarmAction action, string bed, string alarm, AlarmCommandStatus outcome, string reason);
}
