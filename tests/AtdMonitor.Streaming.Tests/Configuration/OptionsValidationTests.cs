using System.ComponentModel.DataAnnotations;
using System.Globalization;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Tests.Configuration;

public sealed class OptionsValidationTests
{
    [Fact]
    public void The_default_alert_rules_are_valid()
    {
        Assert.Empty(Validate(new AlertsOptions()));
    }

    [Fact]
    public void A_rule_with_k_above_n_is_rejected_naming_the_key()
    {
        var options = new AlertsOptions();
        options.Tachycardia.K = 5;

        Assert.Contains("Alerts:Tachycardia:K must be between 1 and Alerts:Tachycardia:N (4).", Validate(options));
    }

    [Fact]
    public void A_clear_vote_count_above_its_window_is_rejected_naming_the_key()
    {
        var options = new AlertsOptions();
        options.AtrialFibrillation.ClearK = 16;
        options.AtrialFibrillation.ClearN = 12;
        options.Pause.ClearK = 3; // Pause has N = 1 and no ClearN: its K of N applies

        var messages = Validate(options);

        Assert.Contains("Alerts:AtrialFibrillation:ClearK must be between 1 and Alerts:AtrialFibrillation:ClearN (12).", messages);
        Assert.Contains("Alerts:Pause:ClearK must be between 1 and Alerts:Pause:ClearN (1).", messages);
    }

    [Fact]
    public void A_clear_window_shorter_than_the_raise_vote_is_rejected_when_the_clear_vote_defaults_to_it()
    {
        var options = new AlertsOptions();
        options.Tachycardia.ClearN = 2; // K = 3: three clear votes among two figures would never come

        Assert.Contains("Alerts:Tachycardia:ClearK must be between 1 and Alerts:Tachycardia:ClearN (2); unset, it is Alerts:Tachycardia:K (3).", Validate(options));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(9)]
    public void An_svt_count_of_ventricular_beats_outside_0_to_8_is_rejected_naming_the_key(int beats)
    {
        var options = new AlertsOptions();
        options.SupraventricularTachycardia.MaximumVentricularBeats = beats;

        Assert.Contains("Alerts:SupraventricularTachycardia:MaximumVentricularBeats must be between 0 and 8 (off).", Validate(options));
    }

    [Fact]
    public void A_rule_without_hysteresis_is_rejected_naming_the_key()
    {
        var options = new AlertsOptions();
        options.Pause.Clear = options.Pause.Raise;

        Assert.Contains(Validate(options), message => message.StartsWith("Alerts:Pause:Raise and Alerts:Pause:Clear must differ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_alarm_journal_in_a_folder_that_does_not_exist_or_naming_a_folder_is_rejected_naming_the_key_and_an_empty_one_is_off()
    {
        var missing = Path.Combine(Path.GetTempPath(), "atd-no-such-folder-" + Guid.NewGuid().ToString("N"), "alarms.jsonl");
        var options = new AlertsOptions();

        options.Alarms.JournalPath = missing;
        Assert.Contains(Validate(options), message => message.StartsWith($"Alerts:Alarms:JournalPath '{missing}' is in a folder that does not exist", StringComparison.Ordinal));
        options.Alarms.JournalPath = Path.GetTempPath();
        Assert.Contains(Validate(options), message => message.StartsWith("Alerts:Alarms:JournalPath", StringComparison.Ordinal) && message.EndsWith("is a folder: it must name a file.", StringComparison.Ordinal));
        options.Alarms.JournalPath = string.Empty;
        Assert.Empty(Validate(options));
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:10:01")]
    public void A_minimum_duration_outside_0_to_10_minutes_is_rejected_naming_the_key(string duration)
    {
        var options = new AlertsOptions();
        options.AtrialFibrillation.MinimumDuration = TimeSpan.Parse(duration, CultureInfo.InvariantCulture);

        Assert.Contains("Alerts:AtrialFibrillation:MinimumDuration must be between 00:00:00 and 00:10:00.", Validate(options));
    }

    [Theory]
    [InlineData("VentricularRun")]
    [InlineData("Couplet")]
    [InlineData("VentricularTachycardia")]
    [InlineData("Pause")]
    [InlineData("Asystole")]
    public void A_minimum_duration_on_a_rule_that_cannot_hold_is_rejected_naming_the_key(string rule)
    {
        var options = new AlertsOptions();
        RuleNamed(options, rule).MinimumDuration = TimeSpan.FromSeconds(5);

        Assert.Contains(Validate(options), message => message.StartsWith($"Alerts:{rule}:MinimumDuration must be 00:00:00: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("SupraventricularTachycardia")]
    [InlineData("AtrialFibrillation")]
    [InlineData("Bigeminy")]
    [InlineData("Tachycardia")]
    public void A_minimum_duration_on_a_rule_whose_figure_holds_is_accepted(string rule)
    {
        var options = new AlertsOptions();
        RuleNamed(options, rule).MinimumDuration = TimeSpan.FromSeconds(30);

        Assert.Empty(Validate(options));
    }

    [Theory]
    [InlineData("Asystole", 4, 6, "Alerts:Asystole:Raise (4) must be above Alerts:Asystole:Clear (6): its figure fires on high values.")]
    [InlineData("VentricularFibrillation", 0.55, 0.45, "Alerts:VentricularFibrillation:Raise (0.55) must be below Alerts:VentricularFibrillation:Clear (0.45): its figure fires on low values.")]
    [InlineData("Bradycardia", 55, 50, "Alerts:Bradycardia:Raise (55) must be below Alerts:Bradycardia:Clear (50): its figure fires on low values.")]
    public void Thresholds_set_the_wrong_way_round_for_the_rules_figure_are_rejected_naming_both_keys(string rule, double raise, double clear, string expected)
    {
        var options = new AlertsOptions();
        RuleNamed(options, rule).Raise = raise;
        RuleNamed(options, rule).Clear = clear;

        Assert.Contains(expected, Validate(options));
    }

    [Theory]
    [InlineData("VentricularTachycardia")]
    [InlineData("VentricularFibrillation")]
    [InlineData("Asystole")]
    public void A_hold_off_on_a_high_priority_rule_is_rejected_because_it_would_drop_a_second_episode(string rule)
    {
        var options = new AlertsOptions();
        RuleNamed(options, rule).HoldOff = TimeSpan.FromSeconds(10);

        Assert.Contains($"Alerts:{rule}:HoldOff must be 00:00:00: a hold-off would drop a second episode of a high-priority alarm that starts inside it.", Validate(options));
    }

    [Theory]
    [InlineData("-14:00:01")]
    [InlineData("14:00:01")]
    public void A_calendar_utc_offset_beyond_14_hours_is_rejected_naming_the_key(string offset)
    {
        var options = new ForecastingOptions { CalendarUtcOffset = TimeSpan.Parse(offset, CultureInfo.InvariantCulture) };
        var results = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.Contains(results, r => r.ErrorMessage == "Forecasting:CalendarUtcOffset must be between -14:00:00 and 14:00:00 (a UTC offset).");
    }

    private static AlertRuleOptions RuleNamed(AlertsOptions options, string name) =>
        (AlertRuleOptions)typeof(AlertsOptions).GetProperty(name)!.GetValue(options)!;

    [Fact]
    public void An_alarm_table_entry_with_a_bad_type_or_escalation_delay_is_rejected_naming_the_key()
    {
        var options = new AlertsOptions();
        options.Alarms.Types["bad type"] = new AlarmTypeOptions();
        options.Alarms.Types["svt"] = new AlarmTypeOptions { EscalateAfter = TimeSpan.FromHours(2) };
        options.Alarms.MaxSilence = TimeSpan.FromMinutes(30);

        var problems = Validate(options);

        Assert.Contains("Alerts:Alarms:Types: 'bad type' is not an alarm type (1 to 64 of A-Z, a-z, 0-9, '_' or '-').", problems);
        Assert.Contains("Alerts:Alarms:Types:svt:EscalateAfter must be between 00:00:00 (never) and 01:00:00.", problems);
        Assert.Contains("Alerts:Alarms:MaxSilence must be between 00:00:01 and 00:15:00 (the protocol's limit).", problems);
    }

    [Fact]
    public void Rhythm_rule_settings_out_of_range_are_rejected_naming_the_key()
    {
        var options = new AlertsOptions();
        options.VentricularTachycardia.MinimumRateBpm = -5;
        options.AtrialFibrillation.Beats = 4;
        options.SupraventricularTachycardia.MinimumOnsetRatio = 0.5;
        options.VentricularRun.MinimumRunConsistency = 1.5;
        options.VentricularTachycardia.MinimumQrsDifference = double.NaN;
        options.UnclassifiableContextBeats = -1;
        options.Pause.MissedBeatSlopeFraction = 2;
        options.Ectopy.MinimumQrsDifference = double.NaN;

        var problems = Validate(options);

        Assert.Contains("Alerts:VentricularTachycardia:MinimumRateBpm must be between 0 and 400.", problems);
        Assert.Contains("Alerts:AtrialFibrillation:Beats must be between 12 and 200.", problems);
        Assert.Contains("Alerts:SupraventricularTachycardia:MinimumOnsetRatio must be between 1 and 5.", problems);
        Assert.Contains("Alerts:VentricularRun:MinimumRunConsistency must be between -1 and 1.", problems);
        Assert.Contains("Alerts:VentricularTachycardia:MinimumQrsDifference must be between 0 (off) and 1.", problems);
        Assert.Contains("Alerts:UnclassifiableContextBeats must be between 0 and 100.", problems);
        Assert.Contains("Alerts:Pause:MissedBeatSlopeFraction must be between 0 (off) and 1.", problems);
        Assert.Contains("Alerts:Ectopy:MinimumQrsDifference must be between 0 (off) and 1.", problems);
        Assert.Contains("Alerts:Ectopy:MinimumQrsDifference must be between 0 (off) and 1.", Validate(new AlertsOptions { Ectopy = new EctopyOptions { MinimumQrsDifference = -0.1 } }));
        Assert.Contains("Alerts:Ectopy must be an object.", Validate(new AlertsOptions { Ectopy = null! }));
    }

    [Theory]
    [InlineData(0.2, 0.15, "Alerts:SignalQuality:Lead1BelievedNoiseIndex (0.2) must be above 0 and at most NoiseIndex (0.15).")]
    [InlineData(0.06, 0.05, "Alerts:SignalQuality:Lead1BelievedNoiseIndex (0.06) must be above 0 and at most NoiseIndex (0.05).")]
    [InlineData(0, 0.15, "Alerts:SignalQuality:Lead1BelievedNoiseIndex (0) must be above 0 and at most NoiseIndex (0.15).")]
    [InlineData(double.NaN, 0.15, "Alerts:SignalQuality:Lead1BelievedNoiseIndex (NaN) must be above 0 and at most NoiseIndex (0.15).")]
    [InlineData(0.06, double.NaN, "Alerts:SignalQuality:NoiseIndex must be above 0.")]
    public void Signal_quality_noise_thresholds_out_of_range_are_rejected_with_both_values(double lead1Believed, double noiseIndex, string problem)
    {
        var options = new AlertsOptions();
        options.SignalQuality.Lead1BelievedNoiseIndex = lead1Believed;
        options.SignalQuality.NoiseIndex = noiseIndex;

        Assert.Equal([problem], Validate(options));
    }

    [Fact]
    public void Port_zero_needs_the_embedded_broker()
    {
        Assert.Contains("Mqtt:Port 0 (any free port) needs the embedded broker (Mqtt:Host empty).", Validate(new MqttOptions { Host = "broker", Port = 0 }));
        Assert.Empty(Validate(new MqttOptions { Port = 0 }));
    }

    [Fact]
    public void A_persistent_session_needs_an_expiry()
    {
        Assert.Contains(Validate(new MqttOptions { CleanSession = false, SessionExpiry = TimeSpan.Zero }), m => m.StartsWith("Mqtt:SessionExpiry", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_dead_letter_queue_capacity_that_is_not_positive_is_rejected_naming_the_key(int capacity)
    {
        Assert.Contains("Mqtt:DeadLetterQueueCapacity must be between 1 and 100000 dead letters.", Validate(new MqttOptions { DeadLetterQueueCapacity = capacity }));
    }

    [Theory]
    [InlineData(99)]
    [InlineData(1_000_001)]
    public void An_alert_queue_capacity_out_of_range_is_rejected_naming_the_key(int capacity)
    {
        Assert.Contains("Mqtt:AlertQueueCapacity must be between 100 and 1000000 alerts.", Validate(new MqttOptions { AlertQueueCapacity = capacity }));
    }

    [Theory]
    [InlineData("00:00:00.500")]
    [InlineData("00:10:01")]
    public void A_round_trip_timeout_outside_1_s_to_10_minutes_is_rejected_naming_the_key(string timeout)
    {
        Assert.Contains("Mqtt:RoundTripTimeout must be between 00:00:01 and 00:10:00.",
            Validate(new MqttOptions { RoundTripTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) }));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("01:00:00")]
    public void A_line_protocol_flush_interval_outside_10_ms_to_10_minutes_is_rejected_naming_the_key(string interval)
    {
        Assert.Contains("Influx:LineProtocolFlushInterval must be between 00:00:00.010 and 00:10:00.",
            Validate(new InfluxOptions { LineProtocolFlushInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.Empty(Validate(new InfluxOptions()));
    }

    private static List<string> Validate(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? string.Empty).ToList();
    }
}
