using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Inference;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>
/// The alert state of one bed: the beat rules (ventricular run, ectopy, pause, brady/tachycardia) after each beat and the
/// signal-quality rule after each raw window. While the signal-quality alert is active, arrhythmia alerts cannot be raised
/// (beats found in a poor signal are not trusted); alerts already active still clear normally.
/// </summary>
public sealed class BedAlertMonitor
{
    private readonly object _gate = new();
    private readonly string _bed;
    private readonly SignalQualityAlertOptions _qualityOptions;
    private readonly DebouncedAlarm? _quality;
    private readonly List<(IBeatAlertRule Rule, DebouncedAlarm Alarm)> _rules = [];
    private readonly BeatHistory _history;

    public BedAlertMonitor(string bed, AlertsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bed = bed;
        _qualityOptions = options.SignalQuality;
        _quality = options.SignalQuality.Enabled ? new DebouncedAlarm(options.SignalQuality) : null;
        Add(new VentricularRunRule(), options.VentricularRun);
        Add(new FrequentEctopyRule(options.FrequentEctopy.Beats), options.FrequentEctopy);
        Add(new PauseRule(), options.Pause);
        Add(new HeartRateRule(AlertTypes.Bradycardia, options.Bradycardia.Beats), options.Bradycardia);
        Add(new HeartRateRule(AlertTypes.Tachycardia, options.Tachycardia.Beats), options.Tachycardia);
        _history = new BeatHistory(Math.Max(options.FrequentEctopy.Beats, Math.Max(options.Bradycardia.Beats, options.Tachycardia.Beats)) + 1);
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
            _history.Add(beat);
            var suppress = _quality?.Active == true;
            foreach (var (rule, alarm) in _rules)
            {
                if (rule.Measure(_history) is { } value && alarm.Update(value, beat.Time, suppress) is { } state)
                {
                    events.Add(new AlertMessage(_bed, beat.Time, rule.Type, state, rule.Describe(value), value));
                }
            }
        }

        return events;
    }

    /// <summary>Judges a raw window's lead 0 (millivolts) for the signal-quality alert.</summary>
    public AlertMessage? OnWindow(ReadOnlySpan<float> lead0Millivolts, DateTimeOffset time)
    {
        if (_quality is null)
        {
            return null;
        }

        var verdict = SignalQualityAssessor.Assess(lead0Millivolts, _qualityOptions);
        lock (_gate)
        {
            var state = _quality.Update(verdict.IsPoor ? 1 : 0, time);
            if (state is null)
            {
                return null;
            }

            var text = state == AlertState.Raise ? $"signal quality: {verdict.Problem}; arrhythmia alerts suppressed" : "signal quality: restored";
            return new AlertMessage(_bed, time, AlertTypes.SignalQuality, state.Value, text, verdict.IsPoor ? 1 : 0);
        }
    }

    /// <summary>After a gap the beat history no longer describes consecutive beats: forget it and the votes.</summary>
    public void OnGap()
    {
        lock (_gate)
        {
            _history.Clear();
            foreach (var (_, alarm) in _rules)
            {
                alarm.ResetVotes();
            }
        }
    }

    private void Add(IBeatAlertRule rule, AlertRuleOptions options)
    {
        if (options.Enabled)
        {
            _rules.Add((rule, new DebouncedAlarm(options)));
        }
    }
}
