using AtdMonitor.Integration.Tests.Fixtures;
using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Simulator.Beds;
using AtdMonitor.Simulator.Faults;
using AtdMonitor.Simulator.Publishing;
using AtdMonitor.Simulator.Records;
using AtdMonitor.Simulator.Replay;
using AtdMonitor.Tests.Shared;
using AtdMonitor.TestSupport;

namespace AtdMonitor.Integration.Tests.Worker;

/// <summary>The real simulator (MIT-BIH records from samples/, with its fault injector) → mosquitto → the worker → the store.</summary>
[Collection(SharedServers.Name)]
public sealed class SimulatedWardTests(SecureMosquittoFixture mosquitto, VictoriaMetricsFixture victoria)
{
    private const int Beds = 4;
    private const int Windows = 40;

    [Fact]
    public async Task Electrodes_a_device_reports_off_are_a_lead_off_technical_alarm_and_never_asystole()
    {
        var library = new RecordLibrary(Path.Combine(TestData.Samples, "mitdb"));
        var beds = BedPlan.Create(library, library.ListRecords().Take(1).ToList(), 1, TimeSpan.FromSeconds(97));
        await using var worker = await new WorkerSettings(mosquitto.Server, victoria.Server, "leads-off-worker") { Credentials = mosquitto.Worker }.StartWorkerAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var publisher = await MqttMessagePublisher.ConnectAsync(
            new BrokerConnectionOptions { Host = MosquittoServer.Host, Port = mosquitto.Server.Port, ClientId = "leads-off-simulator", Username = mosquitto.Device.UserName, Password = mosquitto.Device.Password },
            timeout.Token);
        using var replay = new ReplayEngine(beds, publisher, new ReplayOptions { AsFastAsPossible = true, Windows = Windows, LeadsOff = (15, 25) });

        await replay.RunAsync(timeout.Token);

        var bed = replay.Beds[0].Bed;
        await Eventually.Until(() => worker.Logs.Entries.Any(e => e.Contains($"ALERT {bed} signal_quality: signal quality: lead off", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the lead-off alarm");
        await victoria.Server.WaitForSamplesAsync($"beat_sample{{bed=\"{bed}\"}}", Windows / 2, TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(worker.Logs.Entries, e => e.Contains($"ALERT {bed} asystole", StringComparison.Ordinal) || e.Contains($"ALERT {bed} pause", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_simulated_ward_with_device_faults_is_monitored_and_every_corrupted_message_is_dead_lettered()
    {
        var library = new RecordLibrary(Path.Combine(TestData.Samples, "mitdb"));
        var records = library.ListRecords().Take(2).ToList();
        var beds = BedPlan.Create(library, records, Beds, TimeSpan.FromSeconds(97));
        await using var worker = await new WorkerSettings(mosquitto.Server, victoria.Server, "ward-worker") { Credentials = mosquitto.Worker }.StartWorkerAsync();
        await using var deadLetters = await MqttTestClient.ConnectAsync(mosquitto.Server.CreateClientOptions("ward-dead-letters", mosquitto.Worker).Build());
        await deadLetters.SubscribeAsync(AtdTopics.DeadLetter);
        var faults = new FaultOptions { DropRate = 0.02, DuplicateRate = 0.02, ReorderRate = 0.02, CorruptRate = 0.02, Seed = 7 };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var publisher = await MqttMessagePublisher.ConnectAsync(
            new BrokerConnectionOptions
            {
                Host = MosquittoServer.Host,
                Port = mosquitto.Server.Port,
                ClientId = "ward-simulator",
                Username = mosquitto.Device.UserName,
                Password = mosquitto.Device.Password,
            },
            timeout.Token);
        using var replay = new ReplayEngine(beds, publisher, new ReplayOptions { AsFastAsPossible = true, Windows = Windows, Faults = faults });

        await replay.RunAsync(timeout.Token);

        var sent = replay.Statistics;
        Assert.True(sent.Faults.Corrupted > 0 && sent.Faults.Duplicated > 0 && sent.Faults.Dropped > 0, "the seed should draw every fault");
        await Eventually.Until(() => deadLetters.Received.Count >= sent.Faults.Corrupted, TimeSpan.FromSeconds(30), $"{sent.Faults.Corrupted} dead letters");
        Assert.Equal(sent.Faults.Corrupted, deadLetters.Received.Count);
        Assert.Equal(sent.Faults.Corrupted, worker.Health.Rejects);
        foreach (var bed in replay.Beds)
        {
            var stored = await victoria.Server.WaitForSamplesAsync($"beat_sample{{bed=\"{bed.Bed}\"}}", Windows / 2, TimeSpan.FromSeconds(30));
            Assert.Equal(stored.SelectMany(s => s.Values).Distinct().Count(), stored.Sum(s => s.Values.Count));
        }
    }
}
