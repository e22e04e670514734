using AtdMonitor.Data.Beats;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Forecasting;
using AtdMonitor.Streaming.Sink;

namespace AtdMonitor.Streaming.Tests.Sink;

public sealed class PointTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 26, 8, 0, 0, 500, TimeSpan.Zero);

    [Fact]
    public void A_beat_is_one_point_in_its_beds_series_with_the_class_as_a_field()
    {
        var beat = new ClassifiedBeat("bed-1", 1234, Time, "V", AamiMapping.ClassNames, [0.1f, 0.05f, 0.8f, 0.03f, 0.02f], 0.75f, ImageMissing: true);

        var line = BeatPoint.Of(beat).ToLineProtocol();

        Assert.StartsWith("beat,bed=bed-1 ", line, StringComparison.Ordinal);
        foreach (var field in new[] { "class=\"V\"", "image_missing=true", "p_N=0.1", "p_S=0.05", "p_V=0.8", "p_F=0.03", "p_Q=0.02", "rr=0.75", "confidence=0.8", "sample=1234i" })
        {
            Assert.Contains(field, line, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("unclassifiable", line, StringComparison.Ordinal);
        Assert.EndsWith(" " + ((Time - DateTimeOffset.UnixEpoch).Ticks * 100), line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclassifiable_beat_is_written_as_Q_with_the_reason()
    {
        var beat = new ClassifiedBeat("bed-1", 1234, Time, ClassifiedBeat.UnclassifiableClass, AamiMapping.ClassNames, [0.9f, 0.05f, 0.03f, 0.01f, 0.01f], 0.75f, false, UnclassifiableReason.PoorSignal);

        var line = BeatPoint.Of(beat).ToLineProtocol();

        Assert.Contains("class=\"Q\"", line, StringComparison.Ordinal);
        Assert.Contains("unclassifiable=\"poor_signal\"", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bed 1", @"bed=bed\ 1")]
    [InlineData("a,b=c", @"bed=a\,b\=c")]
    [InlineData("x\ny", "bed=x\\ny")]
    public void Hostile_tag_values_are_escaped_so_they_cannot_add_tags_or_fields(string bed, string expected)
    {
        var alert = new AlertMessage(bed, Time, "pause", AlertState.Raise, "text with \"quotes\", commas=and spaces", 2.5);

        var line = AlertPoint.Of(alert).ToLineProtocol();

        Assert.Contains(expected + ",", line, StringComparison.Ordinal);
        Assert.Contains("message=\"text with \\\"quotes\\\", commas=and spaces\"", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
        Assert.Equal(3, line.Split(' ').Length - CountEscapedSpaces(line));
    }

    [Fact]
    public void An_alarm_event_carries_its_state_priority_acknowledgement_and_operator_as_tags()
    {
        var alert = new AlertMessage("bed-1", Time, "asystole", AlertState.Acknowledge, "acknowledged", 4.2, AlarmPriority.High, Time, null, AlarmAcknowledgement.Acknowledged, Latched: true, Operator: "rn-7");

        var line = AlertPoint.Of(alert).ToLineProtocol();

        Assert.StartsWith("alert,acknowledgement=acknowledged,bed=bed-1,operator=rn-7,priority=high,state=acknowledge,type=asystole escalated=false,latched=true,message=\"acknowledged\",value=4.2 ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alarm_command_is_audited_with_who_what_where_and_the_outcome()
    {
        var audit = new AlarmCommandAudit(Time, "bed-1", "asystole", AlarmAction.Silence, "rn-7", AlarmCommandSources.Station, AlarmCommandStatus.Applied, "silenced", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), TimeSpan.FromMinutes(2));

        var line = AlarmCommandPoint.Of(audit).ToLineProtocol();

        Assert.StartsWith("alarm_command,action=silence,alarm=asystole,bed=bed-1,operator=rn-7,outcome=applied,source=station issued_at_ms=1700000000000i,reason=\"silenced\",silence_seconds=120 ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_forecast_is_stamped_at_the_time_it_forecasts_with_its_horizon_step()
    {
        var line = ForecastPoints.Forecast(new ForecastPoint("ett-1", "OT", Time, 3, 41.5)).ToLineProtocol();

        Assert.StartsWith("forecast,horizon_step=3,sensor=ett-1,variable=OT value=41.5 ", line, StringComparison.Ordinal);
    }

    private static int CountEscapedSpaces(string line)
    {
        // Spaces inside a quoted string field or escaped with a backslash do not separate the line's sections.
        var count = 0;
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"' && line[i - 1] != '\\')
            {
                quoted = !quoted;
            }
            else if (line[i] == ' ' && (quoted || line[i - 1] == '\\'))
            {
                count++;
            }
        }

        return count;
    }
}
