using System.Collections.Concurrent;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Sink;
using InfluxDB.Client.Writes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace AtdMonitor.Streaming.Tests.Alerts;

/// <summary>Latching, acknowledgement, silence and escalation of the alarm system on a virtual clock.</summary>
public sealed class AlarmSystemTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);

    private readonly HistoricalScheduler _clock = new(Start);
    private readonly ConcurrentQueue<AlertMessage> _events = new();
    private readonly ConcurrentQueue<string> _audits = new();
    private readonly Mock<IMeasurementSink> _sink = new();
    private readonly string _journalFolder = Directory.CreateTempSubdirectory("atd-alarm-journal-").FullName;
    private readonly AlarmSystem _alarms;

    public AlarmSystemTests()
    {
        _sink.Setup(s => s.Write(It.IsAny<IReadOnlyCollection<PointData>>(), WritePriority.Alert))
            .Callback<IReadOnlyCollection<PointData>, WritePriority>((points, _) => points.ToList().ForEach(point => _audits.Enqueue(point.ToLineProtocol())));
        _alarms = NewAlarmSystem(Mock.Of<IAlarmJournal>());
        _alarms.Events.Subscribe(_events.Enqueue);
    }

    [Fact]
    public void Each_alarm_type_takes_its_priority_from_the_table_and_an_unknown_type_is_high()
    {
        Assert.Equal(AlarmPriority.High, Raise(AlertTypes.VentricularFibrillation).Priority);
        Assert.Equal(AlarmPriority.Medium, Raise(AlertTypes.AtrialFibrillation).Priority);
        Assert.Equal(AlarmPriority.Low, Raise(AlertTypes.Bigeminy).Priority);
        Assert.Equal(AlarmPriority.Technical, Raise(AlertTypes.BedSilent).Priority);
        Assert.Equal(AlarmPriority.High, Raise("torsades").Priority);
    }

    [Fact]
    public void A_clear_keeps_the_end_its_detector_dated_the_condition_to_and_the_clear_time_otherwise()
    {
        Raise(AlertTypes.VentricularTachycardia);
        Raise(AlertTypes.AtrialFibrillation);

        var dated = _alarms.Track(new AlertMessage("bed-01", Start.AddSeconds(20), AlertTypes.AtrialFibrillation, AlertState.Clear, "ended", 0) { End = Start.AddSeconds(12) });
        var undated = Clear(AlertTypes.VentricularTachycardia, Start.AddSeconds(3));

        Assert.Equal((Start.AddSeconds(12), Start.AddSeconds(3)), (dated.End!.Value, undated.End!.Value));
        Assert.Equal(Start.AddSeconds(3), Assert.Single(_alarms.Snapshot()).End);
    }

    [Fact]
    public void A_clear_dated_before_its_onset_by_a_device_clock_stepped_back_ends_at_the_onset()
    {
        Raise(AlertTypes.VentricularTachycardia);

        var cleared = Clear(AlertTypes.VentricularTachycardia, Start.AddHours(-1).AddSeconds(5));

        Assert.Equal(Start, cleared.End);
    }

    [Fact]
    public void A_high_priority_alarm_stays_latched_after_its_condition_ends_until_acknowledged()
    {
        var raised = Raise(AlertTypes.VentricularTachycardia);
        var cleared = Clear(AlertTypes.VentricularTachycardia, Start.AddSeconds(3));

        Assert.Equal((AlarmAcknowledgement.Unacknowledged, true, Start), (raised.Acknowledgement!.Value, raised.Latched, raised.Onset!.Value));
        Assert.Equal(Start.AddSeconds(3), cleared.End);
        Assert.EndsWith("condition ended, unacknowledged", cleared.Message, StringComparison.Ordinal);
        var shown = Assert.Single(_alarms.Snapshot());
        Assert.False(shown.ConditionActive);

        var outcome = _alarms.Execute(Command(AlarmAction.Acknowledge, AlertTypes.VentricularTachycardia), AlarmCommandSources.Mqtt);

        Assert.Equal(AlarmCommandStatus.Applied, outcome.Status);
        Assert.Equal((AlertState.Acknowledge, AlarmAcknowledgement.Acknowledged, "rn-7"), (outcome.Event!.State, outcome.Event.Acknowledgement!.Value, outcome.Event.Operator));
        Assert.Empty(_alarms.Snapshot());
    }

    [Fact]
    public void An_alarm_takes_its_onset_from_the_detector_when_the_condition_began_before_the_raise()
    {
        var raised = _alarms.Track(new AlertMessage("bed-01", Start.AddSeconds(30), AlertTypes.AtrialFibrillation, AlertState.Raise, "af", 1) { Onset = Start });

        Assert.Equal(Start, raised.Onset);
        Assert.Equal(Start, Assert.Single(_alarms.Snapshot()).Onset);
    }

    [Fact]
    public void A_medium_priority_alarm_goes_away_when_its_condition_ends()
    {
        Raise(AlertTypes.Tachycardia);
        var cleared = Clear(AlertTypes.Tachycardia, Start.AddSeconds(5));

        Assert.False(cleared.Latched);
        Assert.Empty(_alarms.Snapshot());
    }

    [Fact]
    public void An_alarm_acknowledged_while_its_condition_lasts_stays_shown_acknowledged_until_it_ends()
    {
        Raise(AlertTypes.Asystole);
        _alarms.Execute(Command(AlarmAction.Acknowledge, AlertTypes.Asystole), AlarmCommandSources.Station);

        Assert.Equal(AlarmAcknowledgement.Acknowledged, Assert.Single(_alarms.Snapshot()).Acknowledgement);
        Clear(AlertTypes.Asystole, Start.AddSeconds(8));
        Assert.Empty(_alarms.Snapshot());
    }

    [Fact]
    public void An_unacknowledged_alarm_escalates_after_its_delay_and_an_acknowledged_one_does_not()
    {
        Raise(AlertTypes.VentricularTachycardia);
        Raise(AlertTypes.Asystole);
        _alarms.Execute(Command(AlarmAction.Acknowledge, AlertTypes.Asystole), AlarmCommandSources.Mqtt);
        Drain();

        _clock.AdvanceBy(TimeSpan.FromSeconds(29));
        Assert.Empty(Drain());
        _clock.AdvanceBy(TimeSpan.FromSeconds(1));

        var escalation = Assert.Single(Drain());
        Assert.Equal((AlertTypes.VentricularTachycardia, AlertState.Escalate, true), (escalation.Type, escalation.State, escalation.Escalated));
        Assert.Equal(Start.AddSeconds(30), escalation.Time);
        Assert.True(_alarms.Snapshot().Single(a => a.Type == AlertTypes.VentricularTachycardia).Escalated);
    }

    [Fact]
    public void The_escalation_delay_is_configurable_per_alarm()
    {
        Raise(AlertTypes.Tachycardia);
        Drain();

        _clock.AdvanceBy(TimeSpan.FromSeconds(89));
        Assert.Empty(Drain());
        _clock.AdvanceBy(TimeSpan.FromSeconds(1));
        Assert.Equal(AlertState.Escalate, Assert.Single(Drain()).State);
    }

    [Fact]
    public void A_silence_postpones_escalation_to_its_end_and_then_the_alarm_is_unacknowledged_again()
    {
        Raise(AlertTypes.VentricularTachycardia);
        var silenced = _alarms.Execute(Command(AlarmAction.Silence, AlertTypes.VentricularTachycardia, TimeSpan.FromMinutes(2)), AlarmCommandSources.Mqtt);
        Drain();

        Assert.Equal((AlarmAcknowledgement.Silenced, Start.AddMinutes(2)), (silenced.Event!.Acknowledgement!.Value, silenced.Event.SilencedUntil!.Value));
        _clock.AdvanceBy(TimeSpan.FromSeconds(119));
        Assert.Empty(Drain());
        _clock.AdvanceBy(TimeSpan.FromSeconds(1));

        Assert.Equal([AlertState.SilenceEnd, AlertState.Escalate], Drain().Select(e => e.State));
        Assert.Equal(AlarmAcknowledgement.Unacknowledged, Assert.Single(_alarms.Snapshot()).Acknowledgement);
    }

    [Fact]
    public void Commands_for_no_active_alarm_stale_commands_and_repeated_acknowledgements_are_refused_and_audited()
    {
        Raise(AlertTypes.Asystole);
        var stale = Command(AlarmAction.Acknowledge, AlertTypes.Asystole) with { IssuedAt = Start.AddMinutes(-5) };

        Assert.Equal(AlarmCommandStatus.Refused, _alarms.Execute(Command(AlarmAction.Acknowledge, AlertTypes.Pause), AlarmCommandSources.Mqtt).Status);
        Assert.Equal("issued 300 s ago; commands more than 60 s off the worker's clock are refused.", _alarms.Execute(stale, AlarmCommandSources.Mqtt).Reason);
        Assert.True(_alarms.Execute(Command(AlarmAction.Acknowledge, AlertTypes.Asystole), AlarmCommandSources.Mqtt).Applied);
        var again = _alarms.Execute(Command(AlarmAction.Acknowledge, AlertTypes.Asystole) with { Operator = "rn-8" }, AlarmCommandSources.Station);

        Assert.Equal("asystole on bed bed-01 is already acknowledged by rn-7.", again.Reason);
        Assert.Equal(AlertState.Refuse, again.Event!.State);
        var audits = ReadAudits();
        Assert.Equal(
            [AlarmCommandStatus.Refused, AlarmCommandStatus.Refused, AlarmCommandStatus.Applied, AlarmCommandStatus.Refused],
            audits.Select(a => a.Outcome));
        Assert.Equal(("rn-8", AlarmCommandSources.Station), (audits[^1].Operator, audits[^1].Source));
    }

    [Fact]
    public void An_acknowledgement_delivered_again_after_a_new_episode_began_is_refused_and_the_new_alarm_stays_unacknowledged()
    {
        Raise(AlertTypes.VentricularTachycardia);
        Clear(AlertTypes.VentricularTachycardia, Start.AddSeconds(5));
        _clock.AdvanceBy(TimeSpan.FromSeconds(10));
        var acknowledge = Command(AlarmAction.Acknowledge, AlertTypes.VentricularTachycardia);
        Assert.True(_alarms.Execute(acknowledge, AlarmCommandSources.Mqtt).Applied);
        _clock.AdvanceBy(TimeSpan.FromSeconds(20));
        Raise(AlertTypes.VentricularTachycardia, _clock.Now);
        _clock.AdvanceBy(TimeSpan.FromSeconds(5));

        var redelivered = _alarms.Execute(acknowledge, AlarmCommandSources.Mqtt);

        Assert.Equal((AlarmCommandStatus.Refused, "issued 20 s before this ventricular_tachycardia episode was raised: it was meant for an earlier one."), (redelivered.Status, redelivered.Reason));
        Assert.Equal(AlarmAcknowledgement.Unacknowledged, Assert.Single(_alarms.Snapshot()).Acknowledgement);
    }

    [Fact]
    public void A_late_acknowledgement_issued_while_a_latched_alarms_condition_was_away_does_not_acknowledge_its_return()
    {
        Raise(AlertTypes.VentricularTachycardia);
        _clock.AdvanceBy(TimeSpan.FromSeconds(10));
        Clear(AlertTypes.VentricularTachycardia, _clock.Now);
        _clock.AdvanceBy(TimeSpan.FromSeconds(20));
        var acknowledge = Command(AlarmAction.Acknowledge, AlertTypes.VentricularTachycardia);
        _clock.AdvanceBy(TimeSpan.FromSeconds(10));
        Raise(AlertTypes.VentricularTachycardia, _clock.Now);
        _clock.AdvanceBy(TimeSpan.FromSeconds(10));

        var late = _alarms.Execute(acknowledge, AlarmCommandSources.Mqtt);

        Assert.Equal(AlarmCommandStatus.Refused, late.Status);
        Assert.Equal(AlarmAcknowledgement.Unacknowledged, Assert.Single(_alarms.Snapshot()).Acknowledgement);
    }

    [Fact]
    public void Commands_from_stations_whose_clocks_are_a_little_off_the_workers_are_applied()
    {
        Raise(AlertTypes.VentricularTachycardia);
        _clock.AdvanceBy(TimeSpan.FromSeconds(0.3));
        // Station A, its clock 0.5 s behind, silences 0.3 s after the raise; nurse B, 2 s later on a clock 3 s behind A's, acknowledges.
        var silence = _alarms.Execute(Command(AlarmAction.Silence, AlertTypes.VentricularTachycardia, TimeSpan.FromMinutes(1)) with { IssuedAt = _clock.Now.AddSeconds(-0.5) }, AlarmCommandSources.Mqtt);
        _clock.AdvanceBy(TimeSpan.FromSeconds(2));
        var acknowledge = _alarms.Execute(Command(AlarmAction.Acknowledge, AlertTypes.VentricularTachycardia) with { Operator = "rn-8", IssuedAt = _clock.Now.AddSeconds(-3.5) }, AlarmCommandSources.Mqtt);

        Assert.True(silence.Applied, silence.Reason);
        Assert.True(acknowledge.Applied, acknowledge.Reason);
    }

    [Fact]
    public void A_silence_delivered_twice_is_applied_once_and_a_late_one_counts_from_when_it_was_issued()
    {
        Raise(AlertTypes.VentricularTachycardia);
        var silence = Command(AlarmAction.Silence, AlertTypes.VentricularTachycardia, TimeSpan.FromSeconds(30));
        Assert.True(_alarms.Execute(silence, AlarmCommandSources.Mqtt).Applied);
        _clock.AdvanceBy(TimeSpan.FromSeconds(10));
        var repeat = _alarms.Execute(silence, AlarmCommandSources.Mqtt);
        _clock.AdvanceBy(TimeSpan.FromSeconds(35));
        var over = _alarms.Execute(silence with { IssuedAt = _clock.Now.AddSeconds(-40) }, AlarmCommandSources.Mqtt);
        var late = _alarms.Execute(silence with { IssuedAt = _clock.Now.AddSeconds(-20) }, AlarmCommandSources.Mqtt);

        Assert.Equal((AlarmCommandStatus.Refused, "a repeat of a command already applied to this ventricular_tachycardia alarm."), (repeat.Status, repeat.Reason));
        Assert.Equal((AlarmCommandStatus.Refused, "a silence of 00:00:30 issued 40 s ago would already be over."), (over.Status, over.Reason));
        Assert.True(late.Applied);
        Assert.Equal(_clock.Now.AddSeconds(10), late.Event!.SilencedUntil);
    }

    [Fact]
    public void An_unknown_alarm_type_or_a_silence_beyond_the_configured_limit_is_invalid()
    {
        Raise(AlertTypes.VentricularTachycardia);

        var unknown = _alarms.Execute(Command(AlarmAction.Acknowledge, "hiccups"), AlarmCommandSources.Mqtt);
        var tooLong = _alarms.Execute(Command(AlarmAction.Silence, AlertTypes.VentricularTachycardia, TimeSpan.FromMinutes(5)), AlarmCommandSources.Mqtt);
        var noOperator = _alarms.Execute(Command(AlarmAction.Acknowledge, AlertTypes.VentricularTachycardia) with { Operator = "" }, AlarmCommandSources.Station);

        Assert.Equal((AlarmCommandStatus.Invalid, "unknown alarm type 'hiccups'."), (unknown.Status, unknown.Reason));
        Assert.Equal((AlarmCommandStatus.Invalid, "silence_for 00:05:00 exceeds Alerts:Alarms:MaxSilence (00:02:00)."), (tooLong.Status, tooLong.Reason));
        Assert.Equal(AlarmCommandStatus.Invalid, noOperator.Status);
        Assert.Equal(3, ReadAudits().Count);
        Assert.Equal(AlarmAcknowledgement.Unacknowledged, Assert.Single(_alarms.Snapshot()).Acknowledgement);
    }

    [Fact]
    public void An_observer_of_the_alarm_events_can_read_the_board_from_another_thread_while_a_timer_publishes()
    {
        var boardRead = new List<bool>();
        using var subscription = _alarms.Events.Where(e => e.State == AlertState.Escalate).Subscribe(_ => boardRead.Add(Task.Run(() => _alarms.Snapshot()).Wait(TimeSpan.FromSeconds(10))));
        Raise(AlertTypes.VentricularTachycardia);

        _clock.AdvanceBy(TimeSpan.FromSeconds(30));

        Assert.Equal([true], boardRead);
    }

    [Fact]
    public async Task Events_leave_in_the_order_they_were_decided_when_a_clear_on_another_thread_follows_an_acknowledgement()
    {
        Raise(AlertTypes.Bigeminy);
        Drain();
        using var delivering = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var subscription = _alarms.Events.Where(e => e.State == AlertState.Acknowledge).Subscribe(_ =>
        {
            delivering.Set();
            release.Wait(TimeSpan.FromSeconds(10));
        });

        var acknowledging = Task.Run(() => _alarms.Execute(Command(AlarmAction.Acknowledge, AlertTypes.Bigeminy), AlarmCommandSources.Station));
        Assert.True(delivering.Wait(TimeSpan.FromSeconds(10)));
        // The detector's clear is decided while the acknowledgement is still being delivered: it must wait its turn.
        var clearing = Task.Run(() => Clear(AlertTypes.Bigeminy, Start.AddSeconds(5)));
        Assert.True(SpinWait.SpinUntil(() => _alarms.Snapshot().Count == 0, TimeSpan.FromSeconds(10)));
        await Task.Delay(200);
        Assert.False(clearing.IsCompleted, "the clear's caller returned before its event was delivered");
        release.Set();
        await Task.WhenAll(acknowledging, clearing).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([AlertState.Acknowledge, AlertState.Clear], Drain().Select(e => e.State));
    }

    [Fact]
    public void An_event_an_observer_fails_on_does_not_hold_back_the_events_decided_after_it()
    {
        Raise(AlertTypes.VentricularTachycardia);
        _alarms.Execute(Command(AlarmAction.Silence, AlertTypes.VentricularTachycardia, TimeSpan.FromMinutes(2)), AlarmCommandSources.Mqtt);
        Drain();
        using var failing = _alarms.Events.Where(e => e.State == AlertState.SilenceEnd).Subscribe(_ => throw new IOException("disk full"));

        // The silence ends past the escalation delay: its end and the escalation are decided together.
        _clock.AdvanceBy(TimeSpan.FromMinutes(2));

        Assert.Equal([AlertState.SilenceEnd, AlertState.Escalate], Drain().Select(e => e.State));
    }

    [Fact]
    public void A_command_from_an_unknown_source_is_a_programming_error_not_an_audit_row()
    {
        Assert.Throws<ArgumentException>(() => _alarms.Execute(Command(AlarmAction.Acknowledge, AlertTypes.Asystole), "web"));
    }

    [Fact]
    public void A_latched_alarm_whose_condition_returns_is_the_same_alarm_still_waiting_for_acknowledgement()
    {
        Raise(AlertTypes.VentricularFibrillation);
        Clear(AlertTypes.VentricularFibrillation, Start.AddSeconds(4));
        var again = Raise(AlertTypes.VentricularFibrillation, Start.AddSeconds(20));

        Assert.Equal((Start, (DateTimeOffset?)null), (again.Onset!.Value, again.End));
        Assert.True(Assert.Single(_alarms.Snapshot()).ConditionActive);
    }

    [Fact]
    public void A_latched_alarm_whose_condition_ended_survives_a_new_alarm_system_over_the_same_journal_and_an_acknowledgement_removes_it_for_good()
    {
        var path = Path.Combine(_journalFolder, "alarms.jsonl");
        RunUntilStopped(path, before =>
        {
            before.Track(new AlertMessage("bed-01", Start, AlertTypes.VentricularTachycardia, AlertState.Raise, "VT run of 9 beats", 9));
            _clock.AdvanceBy(TimeSpan.FromSeconds(40));
            // The bed goes silent and is evicted: its conditions end, its latched alarm stays.
            before.EndConditions("bed-01", Start.AddSeconds(5), "bed no longer monitored (evicted)");
        });

        using var restartedJournal = OpenJournal(path);
        using var after = NewAlarmSystem(restartedJournal);
        var published = new List<AlertMessage>();
        after.Events.Subscribe(published.Add);
        after.Restore();

        var shown = Assert.Single(after.Snapshot());
        Assert.Equal(
            ("bed-01", AlertTypes.VentricularTachycardia, AlarmPriority.High, Start, (DateTimeOffset?)Start.AddSeconds(5), AlarmAcknowledgement.Unacknowledged, true, true),
            (shown.Bed, shown.Type, shown.Priority, shown.Onset, shown.End, shown.Acknowledgement, shown.Latched, shown.Escalated));
        Assert.Equal($"VT run of 9 beats ({AlarmSystem.RestoredNote})", shown.Message);
        var restored = Assert.Single(published);
        Assert.Equal((AlertState.Clear, $"ventricular_tachycardia: {AlarmSystem.RestoredNote}; condition ended, unacknowledged"), (restored.State, restored.Message));

        var outcome = after.Execute(Command(AlarmAction.Acknowledge, AlertTypes.VentricularTachycardia), AlarmCommandSources.Mqtt);

        Assert.True(outcome.Applied, outcome.Reason);
        Assert.Empty(after.Snapshot());
        using var thirdStart = OpenJournal(path);
        Assert.Empty(thirdStart.Restore());
    }

    [Fact]
    public void A_restored_alarm_whose_condition_is_raised_again_is_the_same_alarm_with_its_onset_and_escalation()
    {
        var path = Path.Combine(_journalFolder, "alarms.jsonl");
        RunUntilStopped(path, before =>
        {
            before.Track(new AlertMessage("bed-01", Start, AlertTypes.Asystole, AlertState.Raise, "asystole", 4));
            _clock.AdvanceBy(TimeSpan.FromSeconds(10));
            // Stopped while the condition lasts, 20 s before the alarm would escalate.
        });

        _clock.AdvanceBy(TimeSpan.FromSeconds(5));
        using var restartedJournal = OpenJournal(path);
        using var after = NewAlarmSystem(restartedJournal);
        after.Restore();
        var restored = Assert.Single(after.Snapshot());
        Assert.Equal(_clock.Now, restored.End);

        var raised = after.Track(new AlertMessage("bed-01", Start.AddSeconds(16), AlertTypes.Asystole, AlertState.Raise, "asystole", 5));
        _clock.AdvanceBy(TimeSpan.FromSeconds(15));

        var shown = Assert.Single(after.Snapshot());
        Assert.Equal((Start, true, true), (raised.Onset!.Value, shown.ConditionActive, shown.Escalated));
        Assert.Equal((Start, AlarmAcknowledgement.Unacknowledged), (shown.Onset, shown.Acknowledgement));
    }

    [Fact]
    public void A_restored_alarm_raised_on_a_clock_that_was_ahead_can_be_acknowledged_at_once()
    {
        // The last worker's clock ran 10 minutes ahead; NTP set it right across the restart.
        var journal = new Mock<IAlarmJournal>();
        journal.Setup(j => j.Restore()).Returns([Journaled() with { RaisedAt = _clock.Now.AddMinutes(10), EscalationDue = _clock.Now.AddMinutes(10).AddSeconds(30) }]);
        using var after = NewAlarmSystem(journal.Object);
        after.Restore();

        var outcome = after.Execute(Command(AlarmAction.Acknowledge, AlertTypes.VentricularTachycardia), AlarmCommandSources.Station);

        Assert.True(outcome.Applied, outcome.Reason);
        Assert.Empty(after.Snapshot());
    }

    [Fact]
    public void A_restored_silence_or_escalation_is_no_later_than_a_new_one_would_be()
    {
        // A journal line edited, or written on a clock far ahead: silenced for years, escalating in a year.
        var journal = new Mock<IAlarmJournal>();
        journal.Setup(j => j.Restore()).Returns([
            Journaled() with { Acknowledgement = AlarmAcknowledgement.Silenced, SilencedUntil = _clock.Now.AddYears(5), Operator = "rn-7" },
            Journaled(AlertTypes.Asystole) with { EscalationDue = _clock.Now.AddYears(1) },
        ]);
        using var after = NewAlarmSystem(journal.Object);
        var published = new List<AlertMessage>();
        after.Events.Subscribe(published.Add);
        after.Restore();

        Assert.Equal(_clock.Now + new AlarmSystemOptions().MaxSilence, after.Snapshot().Single(a => a.Type == AlertTypes.VentricularTachycardia).SilencedUntil);
        _clock.AdvanceBy(new AlarmSystemOptions().MaxSilence + TimeSpan.FromSeconds(1));

        Assert.All(after.Snapshot(), shown => Assert.True(shown.Escalated, shown.Type));
        Assert.Contains(published, e => e.State == AlertState.SilenceEnd);
    }

    public void Dispose()
    {
        _alarms.Dispose();
        Directory.Delete(_journalFolder, recursive: true);
    }

    /// <summary>An alarm system on this test's clock and audit sink, with tachycardia medium and escalating after 90 s.</summary>
    private static AlarmJournalFile OpenJournal(string path) => new(path, 100, NullLogger<AlarmJournalFile>.Instance);

    /// <summary>A worker's alarm system over the journal at <paramref name="path"/>, from its start to its stop.</summary>
    private void RunUntilStopped(string path, Action<AlarmSystem> run)
    {
        using var journal = OpenJournal(path);
        using var alarms = NewAlarmSystem(journal);
        alarms.Restore();
        run(alarms);
    }

    private AlarmSystem NewAlarmSystem(IAlarmJournal journal)
    {
        var options = new AlertsOptions();
        options.Alarms.Types[AlertTypes.Tachycardia] = new AlarmTypeOptions { Priority = AlarmPriority.Medium, EscalateAfter = TimeSpan.FromSeconds(90) };
        return new AlarmSystem(Options.Create(options), _sink.Object, journal, _clock, NullLogger<AlarmSystem>.Instance);
    }

    /// <summary>A latched alarm of bed-01 as a journal kept it: raised at the start, its condition ended 5 s later.</summary>
    private static JournaledAlarm Journaled(string type = AlertTypes.VentricularTachycardia) => new(
        "bed-01", type, AlarmPriority.High, Start, Start.AddSeconds(5), Start, AlarmAcknowledgement.Unacknowledged, false, Start.AddSeconds(30), null, null, "run of 9 beats", 9);

    private AlertMessage Raise(string type, DateTimeOffset? at = null) =>
        _alarms.Track(new AlertMessage("bed-01", at ?? Start, type, AlertState.Raise, type, 1));

    private AlertMessage Clear(string type, DateTimeOffset at) =>
        _alarms.Track(new AlertMessage("bed-01", at, type, AlertState.Clear, type + " ended", 0));

    private AlarmCommand Command(AlarmAction action, string alarm, TimeSpan? silence = null) =>
        new("bed-01", action, alarm, silence, "rn-7", _clock.Now);

    private List<AlertMessage> Drain()
    {
        var events = new List<AlertMessage>();
        while (_events.TryDequeue(out var alert))
        {
            events.Add(alert);
        }

        return events;
    }

    /// <summary>The <c>alarm_command</c> points written to the store, read back from their tags.</summary>
    private List<(AlarmCommandStatus Outcome, string Operator, string Source)> ReadAudits()
    {
        var audits = new List<(AlarmCommandStatus, string, string)>();
        while (_audits.TryDequeue(out var line))
        {
            Assert.StartsWith("alarm_command,", line, StringComparison.Ordinal);
            var tags = line[..line.IndexOf(' ', StringComparison.Ordinal)].Split(',').Skip(1).Select(tag => tag.Split('=')).ToDictionary(tag => tag[0], tag => tag[1]);
            var outcome = Enum.GetValues<AlarmCommandStatus>().Single(status => PointTime.SnakeCase(status) == tags["outcome"]);
            audits.Add((outcome, tags["operator"], tags["source"]));
        }

        return audits;
    }
}
