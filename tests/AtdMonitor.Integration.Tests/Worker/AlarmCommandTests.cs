using System.Text;
using AtdMonitor.Integration.Tests.Fixtures;
using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AtdMonitor.Integration.Tests.Worker;

/// <summary>
/// Latching, escalation and acknowledgement end to end: device → mosquitto (passwords and the ACL of
/// docs/SECURITY.md) → worker → alert topic and victoria-metrics, with the acknowledgement sent by a station account
/// on <c>atd/v1/{bed}/command</c> and audited in the store; a latched alarm kept across a worker restart.
/// </summary>
[Collection(SharedServers.Name)]
public sealed class AlarmCommandTests(VictoriaMetricsFixture victoria)
{
    private const string Bed = "alarm-bed-1";
    private const string Nurse = "nurse.ana";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly MqttCredentials WorkerUser = MqttCredentials.Random("atd-worker");
    private static readonly MqttCredentials StationUser = MqttCredentials.Random("atd-station");
    private static readonly MqttCredentials DeviceUser = MqttCredentials.Random(Bed);

    /// <summary>The ACL of docs/SECURITY.md: the worker reads inputs and commands and probes its round trip, a station writes commands, each bed writes its own inputs.</summary>
    private static readonly string[] Acl =
    [
        "user atd-worker",
        "topic read atd/v1/+/ecg",
        "topic read atd/v1/+/spectrogram",
        "topic read atd/v1/+/reading",
        "topic read atd/v1/+/truth",
        "topic read atd/v1/+/command",
        "topic write atd/v1/+/alert",
        "topic write atd/v1/deadletter",
        "pattern readwrite atd/v1/worker/%c/roundtrip",
        "user atd-station",
        "topic write atd/v1/+/command",
        "topic read atd/v1/+/alert",
        "topic read atd/v1/deadletter",
        "pattern write atd/v1/%u/ecg",
        "pattern write atd/v1/%u/spectrogram",
        "pattern write atd/v1/%u/reading",
        "pattern write atd/v1/%u/truth",
    ];

    [Fact]
    public async Task A_high_priority_alarm_latches_escalates_and_goes_only_when_a_station_acknowledges_it_and_the_command_is_audited()
    {
        await using var broker = await MosquittoServer.StartAsync(new MosquittoServerOptions { Users = [WorkerUser, StationUser, DeviceUser], Acl = Acl });
        var settings = new WorkerSettings(broker, victoria.Server, "alarm-worker")
        {
            Credentials = WorkerUser,
            Overrides = new Dictionary<string, string>
            {
                // Tachycardia is medium by default; configured high here, so it latches, and escalates after 1 s.
                ["Alerts:Alarms:Types:tachycardia:Priority"] = "High",
                ["Alerts:Alarms:Types:tachycardia:EscalateAfter"] = "00:00:01",
                ["Mqtt:RoundTripTimeout"] = "00:00:03", // the ACL lets the probe through (asserted at the end)
            },
        };
        await using var worker = await settings.StartWorkerAsync();
        await using var station = await MqttTestClient.ConnectAsync(broker.CreateClientOptions("station", StationUser).Build());
        await station.SubscribeAsync("atd/v1/+/alert");
        await station.SubscribeAsync(AtdTopics.DeadLetter);

        await using (var racing = await BedPublisher.ConnectAsync(broker, Bed, new SyntheticEcg(150, seconds: 40, seed: 2), DeviceUser))
        {
            await racing.PublishAsync(0, 20);
        }

        var raised = await NextTachycardiaAsync(station, AlertState.Raise);
        Assert.Equal((AlarmPriority.High, true, AlarmAcknowledgement.Unacknowledged), (raised.Priority, raised.Latched, raised.Acknowledgement));
        Assert.True((await NextTachycardiaAsync(station, AlertState.Escalate)).Escalated);

        await using (var calm = await BedPublisher.ConnectAsync(broker, Bed, new SyntheticEcg(75, seconds: 40), DeviceUser))
        {
            await calm.PublishAsync(20, 40);
        }

        var ended = await NextTachycardiaAsync(station, AlertState.Clear);
        Assert.EndsWith("condition ended, unacknowledged", ended.Message, StringComparison.Ordinal);
        Assert.Equal((true, AlarmAcknowledgement.Unacknowledged, raised.Onset), (ended.Latched, ended.Acknowledgement, ended.Onset));
        Assert.NotNull(ended.End);
        var latched = Assert.Single(worker.Alarms.Snapshot(), a => a is { Bed: Bed, Type: "tachycardia" });
        Assert.False(latched.ConditionActive);

        // A bed's device may not acknowledge: the broker refuses its command.
        await using (var device = await MqttTestClient.ConnectAsync(broker.CreateClientOptions("device-intruder", DeviceUser).Build()))
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => device.PublishAsync(AtdTopics.Command(Bed), Command("acknowledge")));
            Assert.Contains("NotAuthorized", refused.Message, StringComparison.Ordinal);
        }

        // Out of bounds: dead-lettered with the reason, audited (the second), and the alarm stays.
        await station.PublishAsync(AtdTopics.Command(Bed), Command("dismiss"));
        await station.PublishAsync(AtdTopics.Command(Bed), Command("silence", "00:05:00"));
        var reasons = await Eventually.Until(
            () => Task.FromResult(station.Received.Where(m => m.Topic == AtdTopics.DeadLetter).Select(m => JsonWireCodec.DecodeDeadLetter(m.Payload).Reason).ToList()),
            found => found.Count >= 2,
            Timeout,
            "two dead-lettered commands");
        Assert.Equal(["unknown action 'dismiss' (acknowledge, silence).", "silence_for 00:05:00 exceeds Alerts:Alarms:MaxSilence (00:02:00)."], reasons);
        Assert.Single(worker.Alarms.Snapshot(), a => a is { Bed: Bed, Type: "tachycardia" });

        await station.PublishAsync(AtdTopics.Command(Bed), Command("acknowledge"));

        var acknowledged = await NextTachycardiaAsync(station, AlertState.Acknowledge);
        Assert.Equal((AlarmAcknowledgement.Acknowledged, Nurse), (acknowledged.Acknowledgement, acknowledged.Operator));
        Assert.DoesNotContain(worker.Alarms.Snapshot(), a => a is { Bed: Bed, Type: "tachycardia" });
        var audit = await victoria.Server.WaitForSamplesAsync($"alarm_command_issued_at_ms{{bed=\"{Bed}\",alarm=\"tachycardia\",action=\"acknowledge\",operator=\"{Nurse}\",source=\"mqtt\",outcome=\"applied\"}}", 1, Timeout);
        Assert.Single(Assert.Single(audit).Values);
        await victoria.Server.WaitForSamplesAsync($"alarm_command_issued_at_ms{{bed=\"{Bed}\",action=\"silence\",outcome=\"invalid\"}}", 1, Timeout);
        await victoria.Server.WaitForSamplesAsync($"alert_value{{bed=\"{Bed}\",type=\"tachycardia\",state=\"acknowledge\",priority=\"high\",acknowledgement=\"acknowledged\",operator=\"{Nurse}\"}}", 1, Timeout);
        Assert.True(worker.Services.GetRequiredService<MqttConnection>().IsRoundTripConfirmed, "the worker's probe should come back through the ACL of docs/SECURITY.md");
        Assert.DoesNotContain(worker.Logs.Entries, e => e.Contains("round trip", StringComparison.Ordinal) || e.Contains("round-trip", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_latched_alarm_whose_condition_ended_is_on_the_board_after_a_restart_and_leaves_it_when_a_station_acknowledges_it()
    {
        const string RestartBed = "restart-bed-1";
        await using var broker = await MosquittoServer.StartAsync();
        var journal = Directory.CreateTempSubdirectory("atd-alarm-journal-");
        try
        {
            var settings = new WorkerSettings(broker, victoria.Server, "restart-alarm-worker")
            {
                Overrides = new Dictionary<string, string>
                {
                    ["Alerts:Alarms:Types:tachycardia:Priority"] = "High", // so it latches
                    [InProcessWorker.JournalPathKey] = Path.Combine(journal.FullName, "alarms.jsonl"), // one journal for both runs
                },
            };
            await using var station = await MqttTestClient.ConnectAsync(broker.CreateClientOptions("station").Build());
            await station.SubscribeAsync("atd/v1/+/alert");

            AlertMessage ended;
            await using (var worker = await settings.StartWorkerAsync())
            {
                await using (var device = await BedPublisher.ConnectAsync(broker, RestartBed, new SyntheticEcg(150, seconds: 40, seed: 2)))
                {
                    await device.PublishAsync(0, 20);
                }

                await using (var calm = await BedPublisher.ConnectAsync(broker, RestartBed, new SyntheticEcg(75, seconds: 40)))
                {
                    await calm.PublishAsync(20, 40);
                }

                ended = await NextTachycardiaAsync(station, AlertState.Clear, RestartBed);
                Assert.EndsWith("condition ended, unacknowledged", ended.Message, StringComparison.Ordinal);
            }

            await using var restarted = await settings.StartWorkerAsync();

            var shown = Assert.Single(restarted.Alarms.Snapshot(), a => a is { Bed: RestartBed, Type: "tachycardia" });
            Assert.Equal((ended.Onset!.Value, ended.End, AlarmPriority.High, AlarmAcknowledgement.Unacknowledged, true), (shown.Onset, shown.End, shown.Priority, shown.Acknowledgement, shown.Latched));
            Assert.EndsWith($"({AlarmSystem.RestoredNote})", shown.Message, StringComparison.Ordinal);
            var restored = await NextTachycardiaAsync(station, AlertState.Clear, RestartBed, a => a.Message.Contains(AlarmSystem.RestoredNote, StringComparison.Ordinal));
            Assert.Equal((true, AlarmAcknowledgement.Unacknowledged), (restored.Latched, restored.Acknowledgement));

            await station.PublishAsync(AtdTopics.Command(RestartBed), Command("acknowledge", bed: RestartBed));

            var acknowledged = await NextTachycardiaAsync(station, AlertState.Acknowledge, RestartBed);
            Assert.Equal((AlarmAcknowledgement.Acknowledged, Nurse), (acknowledged.Acknowledgement, acknowledged.Operator));
            Assert.DoesNotContain(restarted.Alarms.Snapshot(), a => a is { Bed: RestartBed, Type: "tachycardia" });
        }
        finally
        {
            journal.Delete(recursive: true);
        }
    }

    private static byte[] Command(string action, string? silenceFor = null, string bed = Bed)
    {
        var silence = silenceFor is null ? string.Empty : $",\"silence_for\":\"{silenceFor}\"";
        var issued = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes($"{{\"bed\":\"{bed}\",\"action\":\"{action}\",\"alarm\":\"tachycardia\"{silence},\"operator\":\"{Nurse}\",\"issued_at\":\"{issued}\"}}");
    }

    private static async Task<AlertMessage> NextTachycardiaAsync(MqttTestClient station, AlertState state, string bed = Bed, Func<AlertMessage, bool>? matching = null)
    {
        bool Wanted(AlertMessage a) => a.Type == "tachycardia" && a.State == state && (matching?.Invoke(a) ?? true);
        var events = await Eventually.Until(
            () => Task.FromResult(station.Received.Where(m => m.Topic == AtdTopics.Alert(bed)).Select(m => JsonWireCodec.DecodeAlert(m.Payload)).ToList()),
            found => found.Any(Wanted),
            Timeout,
            $"a tachycardia {state} event on {bed}");
        return events.First(Wanted);
    }
}
