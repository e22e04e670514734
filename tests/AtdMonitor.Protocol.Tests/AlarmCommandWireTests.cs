using System.Text;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Protocol.Validation;

namespace AtdMonitor.Protocol.Tests;

public sealed class AlarmCommandWireTests
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);

    private readonly WireValidator _validator = new();

    [Fact]
    public void A_silence_command_round_trips_through_its_json()
    {
        var command = new AlarmCommand("bed-01", AlarmAction.Silence, "ventricular_tachycardia", TimeSpan.FromMinutes(2), "nurse.kim@icu", Issued);

        var json = JsonWireCodec.Encode(command);

        Assert.Equal(
            """{"bed":"bed-01","action":"silence","alarm":"ventricular_tachycardia","silence_for":"00:02:00","operator":"nurse.kim@icu","issued_at":"2026-11-29T06:00:00.0000000Z"}""",
            Encoding.UTF8.GetString(json));
        Assert.Equal(command, JsonWireCodec.DecodeAlarmCommand(json));
    }

    [Fact]
    public void A_valid_command_on_its_bed_topic_is_accepted_as_an_alarm_command()
    {
        var outcome = Validate("bed-01", """{"bed":"bed-01","action":"acknowledge","alarm":"asystole","operator":"rn-7","issued_at":"2026-11-29T06:00:00Z"}""");

        Assert.True(outcome.IsValid);
        Assert.Equal(new AlarmCommand("bed-01", AlarmAction.Acknowledge, "asystole", null, "rn-7", Issued), outcome.Message);
    }

    [Theory]
    [InlineData("""{"bed":"bed-01","action":"reset","alarm":"asystole","operator":"rn-7","issued_at":"2026-11-29T06:00:00Z"}""", "unknown action 'reset' (acknowledge, silence).")]
    [InlineData("""{"bed":"bed-01","action":"acknowledge","alarm":"asystole","issued_at":"2026-11-29T06:00:00Z"}""", "the command has no operator.")]
    [InlineData("""{"bed":"bed-01","action":"acknowledge","alarm":"asystole","operator":"","issued_at":"2026-11-29T06:00:00Z"}""", "operator '' must be 1 to 64 of A-Z, a-z, 0-9, '_', '-', '.' or '@'; every command names who issued it.")]
    [InlineData("""{"bed":"bed-01","action":"silence","alarm":"asystole","silence_for":"00:20:00","operator":"rn-7","issued_at":"2026-11-29T06:00:00Z"}""", "silence_for 00:20:00 is outside 00:00:01..00:15:00.")]
    [InlineData("""{"bed":"bed-01","action":"silence","alarm":"asystole","operator":"rn-7","issued_at":"2026-11-29T06:00:00Z"}""", "a silence needs silence_for (hh:mm:ss).")]
    [InlineData("""{"bed":"bed-01","action":"acknowledge","alarm":"asystole","silence_for":"00:01:00","operator":"rn-7","issued_at":"2026-11-29T06:00:00Z"}""", "an acknowledgement carries no silence_for.")]
    [InlineData("""{"bed":"bed-01","action":"acknowledge","alarm":"asys tole","operator":"rn-7","issued_at":"2026-11-29T06:00:00Z"}""", "alarm 'asys tole' must be an alarm type: 1 to 64 of A-Z, a-z, 0-9, '_' or '-'.")]
    [InlineData("""{"bed":"bed-02","action":"acknowledge","alarm":"asystole","operator":"rn-7","issued_at":"2026-11-29T06:00:00Z"}""", "command bed 'bed-02' does not match the topic id 'bed-01'.")]
    [InlineData("""{"bed":"bed-01","action":"acknowledge","alarm":"asystole","operator":"rn-7","issued_at":"yesterday"}""", "issued_at 'yesterday' is not an ISO 8601 date and time.")]
    [InlineData("""{"bed":"bed-01","action":"acknowledge","alarm":"asystole","operator":"rn-7","issued_at":"2026-11-29T06:00:00Z","priority":"low"}""", "unknown command field 'priority' (bed, action, alarm, silence_for, operator, issued_at).")]
    [InlineData("""{"bed":"bed-01","action":"acknowledge","alarm":"asystole","operator":"rn-7","operator":"rn-8","issued_at":"2026-11-29T06:00:00Z"}""", "command field 'operator' appears twice.")]
    [InlineData("""{"bed":"bed-01","action":1,"alarm":"asystole","operator":"rn-7","issued_at":"2026-11-29T06:00:00Z"}""", "action must be a string, not number.")]
    [InlineData("""["acknowledge"]""", "a command must be a JSON object, not array.")]
    [InlineData("""{"bed":"bed-01","action":"acknowledge","alarm":"asystole\n","operator":"rn-7","issued_at":"2026-11-29T06:00:00Z"}""", "alarm 'asystole\\u000A' must be an alarm type: 1 to 64 of A-Z, a-z, 0-9, '_' or '-'.")]
    [InlineData("""{"bed":"bed-01","action":"acknowledge","alarm":"asystole","operator":"rn-7\n","issued_at":"2026-11-29T06:00:00Z"}""", "operator 'rn-7\\u000A' must be 1 to 64 of A-Z, a-z, 0-9, '_', '-', '.' or '@'; every command names who issued it.")]
    [InlineData("""{"bed":"bed-01","action":"acknowledge\u202E","alarm":"asystole","operator":"rn-7","issued_at":"2026-11-29T06:00:00Z"}""", "unknown action 'acknowledge\\u202E' (acknowledge, silence).")]
    public void A_command_out_of_bounds_is_rejected_with_its_reason(string json, string reason)
    {
        var outcome = Validate("bed-01", json);

        Assert.False(outcome.IsValid);
        Assert.Equal(reason, outcome.Reason);
    }

    [Theory]
    [InlineData("bed-01\n")]
    [InlineData("bed-01\r\n")]
    [InlineData("\nbed-01")]
    public void An_id_with_a_line_break_is_not_an_id_so_no_topic_or_command_can_carry_one(string id)
    {
        Assert.False(AtdTopics.IsValidId(id));
        Assert.Throws<ArgumentException>(() => AtdTopics.Alert(id));
        var reason = AlarmCommandRules.Check(new AlarmCommand(id, AlarmAction.Acknowledge, "asystole", null, "rn-7", Issued), ProtocolLimits.Default);
        Assert.NotNull(reason);
        Assert.DoesNotContain('\n', reason);
    }

    [Fact]
    public void A_command_that_is_not_json_or_too_big_is_rejected()
    {
        Assert.StartsWith("a command must be a JSON object:", Validate("bed-01", "ack!").Reason, StringComparison.Ordinal);
        var big = _validator.Validate(AtdTopics.Command("bed-01"), new byte[2000]);
        Assert.Equal("command of 2000 bytes exceeds the limit of 1024 bytes.", big.Reason);
    }

    [Fact]
    public void The_command_topic_is_an_input_and_is_sharded_like_the_others()
    {
        Assert.Contains("atd/v1/+/command", AtdTopics.InputFilters);
        Assert.Contains("atd/v1/shard/1/+/command", TopicSharding.InputFilters(1));
        var topic = TopicSharding.TopicFor("bed-02", TopicKind.Command, 2);
        Assert.True(AtdTopics.TryParse(topic, out var kind, out var id));
        Assert.Equal((TopicKind.Command, "bed-02"), (kind, id));
    }

    private ValidationOutcome Validate(string bed, string json) => _validator.Validate(AtdTopics.Command(bed), Encoding.UTF8.GetBytes(json));
}
