using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Rhythm;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>
/// The alert state of one bed: the beat rules (ventricular run, ectopy, pause, brady/tachycardia and the rhythm rules of
/// <see cref="RhythmRules"/>) after each beat, the signal-quality rule and the signal rules (fibrillation, asystole) after
/// each raw window, and the technical alarm <c>bed_silent</c>. While the signal-quality alert is active, arrhythmia alerts cannot be raised
/// (beats found in a poor signal are not trusted; the technical alarm says so); alerts already active still clear normally.
/// The one exception is asystole on a flat line on every lead, once the bed has shown beats: that is how asystole looks.
/// A window poor only because a second QRS detector did not confirm the recent beats mutes the beat alarms but not the
/// signal rules (VF, asystole, also asystole from a pause), which stay muted only as the windows' own samples would mute
/// them; it does not count towards the technical alarm while the signal looks like ventricular fibrillation, whose waves
/// confuse the two detectors as noise does.
/// Low-priority alarms are not raised either while one of the last <see cref="AlertsOptions.UnclassifiableContextBeats"/>
/// beats is unclassifiable. While ventricular fibrillation is raised, or the newest window already looks like it (its
/// figure reached the raise threshold before the votes raise the alarm), no beat rule raises: the "beats" found in
/// fibrillation waves are not beats, and the high-priority VF alarm stands for the episode. Nor does tachycardia while
/// its figure still counts a beat from a window that looked like fibrillation: beats are decided later than windows,
/// and the fast "beats" of fibrillation waves would otherwise raise it as the VF alarm clears. (Bradycardia may: a slow
/// rhythm after fibrillation is the heart's.) A pause of the beats (checked
/// for missed beats) as long as the asystole threshold raises asystole as well, after the beat that ends it: the signal
/// rule alone misses pauses whose P or T waves are as steep as the patient's QRS. While atrial fibrillation is raised,
/// pending, or its newest figure says AF (its votes still gathering, or the alarm held off after a clear), SVT does not
/// raise and beats called S are no ectopy: a stretch of fast regular beats in AF or flutter (a change of conduction) is
/// the fibrillation's response, and without a sinus rhythm no beat is premature against it.
/// </summary>
public sealed class BedAlertMonitor
{
    private const int LeadOffStretchesKept = 16;

    private readonly object _gate = new();
    private readonly string _bed;
    private readonly SignalQualityAlertOptions _qualityOptions;
    private readonly DebouncedAlarm? _quality;
    private readonly DebouncedAlarm? _samplesPoor;
    private readonly List<(IBeatAlertRule Rule, DebouncedAlarm Alarm, bool LowPriority)> _rules = [];
    private readonly int _contextBeats;
    private readonly AlarmSystemOptions _alarms;
    private readonly BeatHistory _history;
    private readonly SignalHistory _signal = new(RhythmRules.SignalWindows);
    private readonly SignalHistory _lead1 = new(RhythmRules.Lead1Windows);
    private readonly List<(ISignalAlertRule Rule, DebouncedAlarm Alarm)> _signalRules = [];
    private readonly DebouncedAlarm? _fibrillation;
    private readonly int _fibrillationIndex = -1;
    private readonly (AsystoleRule Rule, DebouncedAlarm Alarm, double Raise)? _asystole;
    private readonly PauseRule _pause;
    private DateTimeOffset _fibrillationSeenUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _previousWindowStart = DateTimeOffset.MinValue;
    private DateTimeOffset? _asystoleRaisedAt;
    /// <summary>The newest stretches of windows the device reported lead 0 off in, oldest first.</summary>
    private readonly List<(DateTimeOffset Start, DateTimeOffset End)> _leadOffStretches = [];
    private bool _beatsSeen;
    private bool _silent;

    /// <param name="bed">The bed's id.</param>
    /// <param name="options">The alert settings.</param>
    /// <param name="silent">True when the bed's <c>bed_silent</c> alarm is still active from before this monitor (the bed
    /// was released while silent): its first window clears it.</param>
    public BedAlertMonitor(string bed, AlertsOptions options, bool silent = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bed = bed;
        _silent = silent;
        _qualityOptions = options.SignalQuality;
        _quality = options.SignalQuality.Enabled ? new DebouncedAlarm(options.SignalQuality) : null;
        _samplesPoor = options.SignalQuality.Enabled ? new DebouncedAlarm(options.SignalQuality) : null;
        _alarms = options.Alarms;
        _contextBeats = options.UnclassifiableContextBeats;
        Add(new FrequentEctopyRule(options.FrequentEctopy.Beats, RhythmRules.EctopyBeats(options)), options.FrequentEctopy);
        _pause = new PauseRule(options.Pause, _signal, _lead1);
        Add(_pause, options.Pause);
        Add(new HeartRateRule(AlertTypes.Bradycardia, options.Bradycardia.Beats), options.Bradycardia);
        Add(new HeartRateRule(AlertTypes.Tachycardia, options.Tachycardia.Beats), options.Tachycardia);
        foreach (var (rule, ruleOptions) in RhythmRules.BeatRules(options, _signal, _lead1))
        {
            Add(rule, ruleOptions);
        }

        foreach (var (rule, ruleOptions) in RhythmRules.SignalRules(options, _lead1))
        {
            if (ruleOptions.Enabled)
            {
                var alarm = new DebouncedAlarm(ruleOptions);
                _signalRules.Add((rule, alarm));
                if (rule.Type == AlertTypes.VentricularFibrillation)
                {
                    _fibrillation = alarm;
                    _fibrillationIndex = _signalRules.Count - 1;
                }

                _asystole = rule is AsystoleRule asystole ? (asystole, alarm, ruleOptions.Raise) : _asystole;
            }
        }

        _history = new BeatHistory(Math.Max(RhythmRules.HistoryBeats, Math.Max(options.FrequentEctopy.Beats, Math.Max(options.Bradycardia.Beats, options.Tachycardia.Beats)) + 1));
    }

    /// <summary>True while the signal-quality alert is active.</summary>
    public bool SignalPoor
    {
        get
        {
            lock (_gate)
            {
                return _quality?.Active == true;
            }
        }
    }

    public IReadOnlyList<AlertMessage> OnBeat(ClassifiedBeat beat)
    {
        ArgumentNullException.ThrowIfNull(beat);
        var events = new List<AlertMessage>();
        lock (_gate)
        {
            _beatsSeen = true;
            _history.Add(beat);
            _signal.ForgetBefore(beat.Time - RhythmRules.SignalBeforeBeat);
            _lead1.ForgetBefore(beat.Time - RhythmRules.SignalBeforeBeat);
            var suppress = _quality?.Active == true || _fibrillation?.Active == true || _fibrillation?.LatestReachesRaise == true;
            var uncertain = _contextBeats > 0 && _history.Newest(_contextBeats).Any(b => !b.IsJudged);
            // AF still waiting out its minimum duration, or found by the rule's newest figure before its votes (or hold-off)
            // let it raise, already makes the S calls and SVT untrustworthy.
            var atrialFibrillation = _rules.Any(r => r.Rule.Type == AlertTypes.AtrialFibrillation && (r.Alarm.Active || r.Alarm.Pending || r.Alarm.LatestReachesRaise));
            _history.InAtrialFibrillation = atrialFibrillation;
            double? pause = null;
            // An RR interval across windows the device reported lead 0 off in is no pause: the beats could not be seen.
            var rrStart = beat.Time - TimeSpan.FromSeconds(beat.RrSeconds);
            var acrossLeadOff = _leadOffStretches.Any(off => off.Start < beat.Time && off.End > rrStart);
            foreach (var (rule, alarm, lowPriority) in _rules)
            {
                var quiet = suppress || (uncertain && lowPriority) || (atrialFibrillation && rule.Type == AlertTypes.SupraventricularTachycardia)
                    || (rule is HeartRateRule { Type: AlertTypes.Tachycardia } rate && CountsFibrillationWaves(rate))
                    || (acrossLeadOff && rule.Type == AlertTypes.Pause);
                var measured = rule.Measure(_history);
                pause = rule.Type == AlertTypes.Pause ? measured : pause;
                if (measured is { } value && alarm.Update(value, beat.Time, quiet, rule.DescribedTime(_history)) is { } state)
                {
                    events.Add(alarm.Event(_bed, beat.Time, rule.Type, state, rule.Describe(value), value));
                }
            }

            // A pause the beats show, checked against the signal for missed beats (on lead 1 too), that lasts as long as
            // asystole is asystole too: the signal rule can miss it where P or T waves are as steep as a slurred QRS.
            // A signal rule's alarm: muted by the window's own samples (not by the detectors' disagreement) and by fibrillation.
            var signalSuppress = _samplesPoor?.Active == true || _fibrillation?.Active == true || _fibrillation?.LatestReachesRaise == true;
            // Not when the signal rule already told this pause (asystole raised inside it): one pause, one alarm.
            if (pause is { } lead0Seconds && _asystole is var (asystoleRule, asystole, raise) && lead0Seconds >= raise && !asystole.Active
                && !acrossLeadOff && !(_asystoleRaisedAt >= beat.Time - TimeSpan.FromSeconds(lead0Seconds)))
            {
                var seconds = Math.Min(lead0Seconds, _pause.Lead1QrsFreeSeconds(beat) ?? lead0Seconds);
                if (seconds >= raise && asystole.Update(seconds, beat.Time, signalSuppress) is { } asystoleState)
                {
                    events.Add(asystole.Event(_bed, beat.Time, AlertTypes.Asystole, asystoleState, asystoleRule.Describe(seconds), seconds));
                }
            }
        }

        return events;
    }

    /// <summary>
    /// Takes one window: its signal-quality verdict, its lead 0 for the signal rules (fibrillation, asystole) and its lead 1
    /// to confirm asystole on (lead 0 alone showing none is a technical alarm). A window after
    /// a gap first resets the rules (the beat history no longer describes consecutive beats); any window ends a silence.
    /// </summary>
    public IReadOnlyList<AlertMessage> OnWindow(MonitoredWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var events = new List<AlertMessage>();
        var time = window.FirstSampleTime;
        lock (_gate)
        {
            if (_silent)
            {
                _silent = false;
                events.Add(new AlertMessage(_bed, time, AlertTypes.BedSilent, AlertState.Clear, "bed silent: windows arrive again", 0));
            }

            // A device clock stepped back (this window starts before the one before it) breaks the record as a gap does,
            // and the hold-offs and minimum durations, counted in the device's time, would last as long as the step.
            var clockWentBack = time < _previousWindowStart;
            _previousWindowStart = time;
            if (window.FollowsGap || clockWentBack)
            {
                ForgetVotes();
            }

            if (clockWentBack)
            {
                ForgetHoldOffs();
            }

            _signal.Add(window.Lead0Millivolts, time);
            if (window.Quality.Problem == SignalQualityVerdict.LeadOff)
            {
                RecordLeadOff(time, _signal.End);
            }
            if (window.Lead1Millivolts is { } lead1)
            {
                _lead1.Add(lead1, time);
            }

            var figures = _signalRules.Select(r => r.Rule.Measure(_signal)).ToList();
            // Lead 0 without a QRS for as long as asystole takes while lead 1 still shows them: the lead, not the heart.
            var verdict = !window.Quality.IsPoor && _asystole is var (asystoleRule, _, raise)
                && asystoleRule.Lead0Seconds >= raise && asystoleRule.Lead1Seconds < raise
                ? window.Quality with { Problem = SignalQualityVerdict.NoQrsOnLead0 }
                : window.Quality;
            var looksLikeFibrillation = _fibrillation is { } vf && (vf.Active || (figures[_fibrillationIndex] is { } leakage && vf.ReachesRaise(leakage)));
            _fibrillationSeenUntil = looksLikeFibrillation ? _signal.End : _fibrillationSeenUntil;
            // Fibrillation waves make the two QRS detectors disagree as noise does: there the VF rule, not the technical alarm, speaks.
            var poor = verdict.IsPoor && !(verdict.OnlyUnconfirmedBeats && looksLikeFibrillation);
            if (_quality?.Update(poor ? 1 : 0, time) is { } state)
            {
                var text = state == AlertState.Raise ? $"signal quality: {verdict.Problem}; arrhythmia alerts suppressed" : "signal quality: restored";
                events.Add(_quality.Event(_bed, time, AlertTypes.SignalQuality, state, text, poor ? 1 : 0));
            }

            // The signal rules are muted as the window's own samples would mute them: the detectors' disagreement is about beats.
            _samplesPoor?.Update(verdict.IsPoor && !verdict.OnlyUnconfirmedBeats ? 1 : 0, time);
            var suppress = _samplesPoor?.Active == true;
            // A flat line on every lead the bed sends, once the bed has shown beats, is how asystole looks as much as a lead
            // off, and without the device's lead-off detection the two cannot be told apart: asystole may sound beside the
            // technical alarm, never muted by it. Before any beat (leads being put on), or a constant (a device filling in
            // for no signal: no amplifier is that quiet), it stays a technical alarm alone.
            var flatOnEveryLead = _beatsSeen && verdict is { Problem: SignalQualityVerdict.FlatLine, PeakToPeakMillivolts: > 0 }
                && (window.Lead1Millivolts is not { } lead1Window || SignalQualityAssessor.Assess(lead1Window, _qualityOptions).Problem == SignalQualityVerdict.FlatLine);
            for (var i = 0; i < _signalRules.Count; i++)
            {
                var (rule, alarm) = _signalRules[i];
                var muted = suppress && !(flatOnEveryLead && rule is AsystoleRule);
                if (figures[i] is { } value && alarm.Update(value, time, muted) is { } ruleState)
                {
                    _asystoleRaisedAt = rule is AsystoleRule && ruleState == AlertState.Raise ? time : _asystoleRaisedAt;
                    events.Add(alarm.Event(_bed, time, rule.Type, ruleState, rule.Describe(value), value));
                }
            }
        }

        return events;
    }

    /// <summary>The bed sent nothing since <paramref name="lastWindowEnd"/> for <paramref name="after"/>: raises <c>bed_silent</c> once.</summary>
    public AlertMessage? OnSilent(DateTimeOffset lastWindowEnd, TimeSpan after)
    {
        lock (_gate)
        {
            if (_silent)
            {
                return null;
            }

            _silent = true;
            return new AlertMessage(_bed, lastWindowEnd + after, AlertTypes.BedSilent, AlertState.Raise, $"bed silent: no valid window for {after.TotalSeconds:0} s", after.TotalSeconds)
            {
                Onset = lastWindowEnd,
            };
        }
    }

    /// <summary>Adds a lead-off window to the stretch it continues, or starts one; keeps the last
    /// <see cref="LeadOffStretchesKept"/> (a pause longer than those spans no beat history the rules keep anyway).</summary>
    private void RecordLeadOff(DateTimeOffset start, DateTimeOffset end)
    {
        if (_leadOffStretches.Count > 0 && _leadOffStretches[^1].End >= start)
        {
            _leadOffStretches[^1] = (_leadOffStretches[^1].Start, end);
            return;
        }

        _leadOffStretches.Add((start, end));
        if (_leadOffStretches.Count > LeadOffStretchesKept)
        {
            _leadOffStretches.RemoveAt(0);
        }
    }

    /// <summary>True when the RR intervals <paramref name="rate"/> measures begin before the end of the newest window that looked like fibrillation.</summary>
    private bool CountsFibrillationWaves(HeartRateRule rate) =>
        _history.Newest(rate.Beats).LastOrDefault() is { } oldest && oldest.Time - TimeSpan.FromSeconds(oldest.RrSeconds) < _fibrillationSeenUntil;

    private void ForgetVotes()
    {
        _history.Clear();
        _fibrillationSeenUntil = DateTimeOffset.MinValue;
        foreach (var (_, alarm, _) in _rules)
        {
            alarm.ResetVotes();
        }

        foreach (var (_, alarm) in _signalRules)
        {
            alarm.ResetVotes();
        }
    }

    private void ForgetHoldOffs()
    {
        _quality?.ResetVotes();
        _samplesPoor?.ResetVotes();
        _asystoleRaisedAt = null;
        _leadOffStretches.Clear();
        foreach (var alarm in _rules.Select(r => r.Alarm).Concat(_signalRules.Select(r => r.Alarm)).Append(_quality).Append(_samplesPoor).OfType<DebouncedAlarm>())
        {
            alarm.EndHoldOff();
        }
    }

    private void Add(IBeatAlertRule rule, AlertRuleOptions options)
    {
        if (options.Enabled)
        {
            _rules.Add((rule, new DebouncedAlarm(options), _alarms.For(rule.Type).Priority == AlarmPriority.Low));
        }
    }
}
