using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Tests.Alerts;

public sealed class AlertRuleTests
{
    private static readonly Func<int, float> CleanEcg = i => (i % 288) is > 100 and < 110 ? 1.2f : (float)(0.05 * Math.Sin(i * 0.02));
    private static readonly Func<int, float> FlatLine = _ => 0.01f;

    private static BeatSequence Bed(AlertsOptions? options = null)
    {
        options ??= new AlertsOptions();
        return new(new BedAlertMonitor("bed-1", options), options.SignalQuality);
    }

    [Fact]
    public void Consecutive_v_beats_raise_a_ventricular_run_of_their_length_once_it_ends_and_the_next_beat_clears_it()
    {
        var bed = Bed().Beats(10).Beats(4, "V");
        Assert.DoesNotContain(bed.Events, e => e.Type == AlertTypes.VentricularRun);

        bed.Beats(2);

        Assert.Equal(
            [(AlertTypes.VentricularRun, AlertState.Raise, 4.0), (AlertTypes.VentricularRun, AlertState.Clear, 0.0)],
            bed.Events.Where(e => e.Type == AlertTypes.VentricularRun));
    }

    [Fact]
    public void A_second_run_within_the_hold_off_is_not_raised_again()
    {
        var bed = Bed().Beats(10).Beats(3, "V").Beats(2).Beats(3, "V");

        Assert.Single(bed.Events, e => e.Type == AlertTypes.VentricularRun && e.State == AlertState.Raise);
    }

    [Fact]
    public void Frequent_ectopy_is_raised_above_the_burden_and_cleared_only_below_the_lower_threshold()
    {
        // Every third beat S: 33 % burden, for longer than the rule's minimum duration (30 s).
        var bed = Bed();
        for (var i = 0; i < 40; i++)
        {
            bed.Beats(2).Beats(1, "S");
        }

        Assert.Contains(bed.Events, e => e is { Type: AlertTypes.FrequentEctopy, State: AlertState.Raise });

        // 1 in 7 (14 %) sits between Clear (10 %) and Raise (20 %): hysteresis keeps the alert.
        for (var i = 0; i < 10; i++)
        {
            bed.Beats(6).Beats(1, "S");
        }

        Assert.DoesNotContain(bed.Events, e => e is { Type: AlertTypes.FrequentEctopy, State: AlertState.Clear });

        bed.Beats(40);

        Assert.Contains(bed.Events, e => e is { Type: AlertTypes.FrequentEctopy, State: AlertState.Clear });
    }

    [Fact]
    public void An_rr_interval_over_two_seconds_raises_a_pause_and_the_next_normal_interval_clears_it()
    {
        var bed = Bed().Beats(10).Beats(1, rrSeconds: 2.6).Beats(1);

        Assert.Equal(
            [(AlertTypes.Pause, AlertState.Raise, 2.6), (AlertTypes.Pause, AlertState.Clear, 0.8)],
            bed.Events.Where(e => e.Type == AlertTypes.Pause).Select(e => (e.Type, e.State, Math.Round(e.Value, 2))));
    }

    [Fact]
    public void A_heart_rate_below_50_raises_bradycardia_and_above_55_clears_it()
    {
        var bed = Bed().Beats(10, rrSeconds: 0.8).Beats(12, rrSeconds: 1.5);
        Assert.Contains(bed.Events, e => e is { Type: AlertTypes.Bradycardia, State: AlertState.Raise });

        // 52 bpm is inside the hysteresis band: still active.
        bed.Beats(12, rrSeconds: 60.0 / 52);
        Assert.DoesNotContain(bed.Events, e => e is { Type: AlertTypes.Bradycardia, State: AlertState.Clear });

        bed.Beats(12, rrSeconds: 0.8);
        Assert.Contains(bed.Events, e => e is { Type: AlertTypes.Bradycardia, State: AlertState.Clear });
    }

    [Fact]
    public void A_heart_rate_above_120_raises_tachycardia_after_k_of_n_beats_and_below_110_clears_it()
    {
        // The rate is the median over the last 16 beats: a fast stretch raises once it holds most of them.
        var bed = Bed().Beats(20, rrSeconds: 0.8).Beats(8, rrSeconds: 0.35);
        Assert.DoesNotContain(bed.Events, e => e.Type == AlertTypes.Tachycardia);

        bed.Beats(4, rrSeconds: 0.35);
        var raise = Assert.Single(bed.Events, e => e.Type == AlertTypes.Tachycardia);
        Assert.Equal(AlertState.Raise, raise.State);
        Assert.InRange(raise.Value, 120, 180);

        bed.Beats(14, rrSeconds: 0.75);

        Assert.Contains(bed.Events, e => e is { Type: AlertTypes.Tachycardia, State: AlertState.Clear });
    }

    [Fact]
    public void A_single_fast_beat_does_not_raise_tachycardia()
    {
        var bed = Bed().Beats(10, rrSeconds: 0.8).Beats(1, rrSeconds: 0.3).Beats(10, rrSeconds: 0.8);

        Assert.DoesNotContain(bed.Events, e => e.Type == AlertTypes.Tachycardia);
    }

    [Fact]
    public void A_flat_line_raises_the_signal_quality_alert_after_two_of_three_windows_and_clean_signal_clears_it()
    {
        var bed = Bed().Window(CleanEcg).Window(FlatLine);
        Assert.Empty(bed.Events);

        bed.Window(FlatLine);
        Assert.Equal([(AlertTypes.SignalQuality, AlertState.Raise, 1.0)], bed.Events);

        bed.Window(CleanEcg).Window(CleanEcg);
        Assert.Equal((AlertTypes.SignalQuality, AlertState.Clear, 0.0), bed.Events[^1]);
    }

    [Fact]
    public void Poor_signal_quality_suppresses_arrhythmia_alerts()
    {
        var bed = Bed().Beats(10).Window(FlatLine).Window(FlatLine);

        bed.Beats(5, "V").Beats(10, rrSeconds: 0.3);

        Assert.Equal([AlertTypes.SignalQuality], bed.Events.Select(e => e.Type));
    }

    [Theory]
    [InlineData("saturation")]
    [InlineData("noise")]
    public void Saturated_or_noisy_windows_are_poor_and_a_clean_window_is_good(string problem)
    {
        var options = new SignalQualityAlertOptions();
        var random = new Random(1);
        var samples = problem == "saturation"
            ? Enumerable.Range(0, 360).Select(i => Math.Clamp((float)Math.Sin(i * 0.05), -0.5f, 0.5f)).ToArray()
            : Enumerable.Range(0, 360).Select(i => CleanEcg(i) + (float)(random.NextDouble() - 0.5)).ToArray();

        Assert.Equal(problem, SignalQualityAssessor.Assess(samples, options).Problem);
        Assert.False(SignalQualityAssessor.Assess(Enumerable.Range(0, 360).Select(CleanEcg).ToArray(), options).IsPoor);
    }

    [Fact]
    public void A_disabled_rule_never_fires()
    {
        var options = new AlertsOptions();
        options.VentricularRun.Enabled = false;

        var bed = Bed(options).Beats(10).Beats(5, "V");

        Assert.DoesNotContain(bed.Events, e => e.Type == AlertTypes.VentricularRun);
    }
}
