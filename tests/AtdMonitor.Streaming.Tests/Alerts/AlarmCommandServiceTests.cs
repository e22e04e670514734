using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Protocol.Validation;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace AtdMonitor.Streaming.Tests.Alerts;

/// <summary>Alarm commands from their own channel: executed and released, refused ones dead-lettered, queued ones carried out at stop.</summary>
public sealed class AlarmCommandServiceTests : IDisposable
{
    private readonly TestMetrics _metrics = new();
    private readonly AcknowledgementLedger _ledger = new(5, TimeSpan.FromSeconds(30), TimeProvider.System);
    private readonly OutboundChannel _outbound;
    private readonly IngestChannels _ingest;
    private readonly Mock<IAlarmCommands> _commands = new();
    private readonly AlarmCommandService _service;

    public AlarmCommandServiceTests()
    {
        _outbound = new OutboundChannel(Options.Create(new MqttOptions()), _metrics.Pipeline, NullLogger<OutboundChannel>.Instance);
        var deadLetters = new DeadLetterOffice(_outbound, _ledger, _metrics.Pipeline, NullLogger<DeadLetterOffice>.Instance);
        _ingest = new IngestChannels(Options.Create(new PipelineOptions()), _metrics.Pipeline, _ledger, deadLetters);
        var admission = new WireAdmission(new WireValidator(), deadLetters, new BedRoster(8), _metrics.Pipeline, Options.Create(new PipelineOptions()), TimeProvider.System);
        _commands.Setup(c => c.Execute(It.IsAny<AlarmCommand>(), AlarmCommandSources.Mqtt))
            .Returns((AlarmCommand command, string _) => command.Alarm == "no_such_alarm"
                ? new AlarmCommandOutcome(AlarmCommandStatus.Invalid, "unknown alarm type 'no_such_alarm'.", null)
                : new AlarmCommandOutcome(AlarmCommandStatus.Applied, "applied.", null));
        _service = new AlarmCommandService(_ingest, admission, _commands.Object, deadLetters, _ledger, NullLogger<AlarmCommandService>.Instance);
    }

    [Fact]
    public async Task Commands_are_carried_out_and_released_invalid_ones_dead_lettered_and_those_queued_at_stop_still_carried_out()
    {
        await _service.StartAsync(CancellationToken.None);
        Enqueue("asystole");
        Enqueue("no_such_alarm");
        await WorkerHarness.WaitUntilAsync(() => _commands.Invocations.Count == 2, TimeSpan.FromSeconds(10));

        using (var stopping = new CancellationTokenSource())
        {
            await stopping.CancelAsync();
            Enqueue("ventricular_tachycardia");
            await _service.StopAsync(CancellationToken.None);
        }

        Assert.Equal(3, _commands.Invocations.Count);
        Assert.Equal(1, _outbound.Count);
        Assert.Equal(3, _ledger.TakeReleased(everything: true).Count);
    }

    public void Dispose()
    {
        _service.Dispose();
        _metrics.Dispose();
    }

    private void Enqueue(string alarm)
    {
        var payload = JsonWireCodec.Encode(new AlarmCommand("bed-1", AlarmAction.Acknowledge, alarm, null, "rn-7", DateTimeOffset.UtcNow));
        _ingest.Enqueue(new ReceivedMessage(AtdTopics.Command("bed-1"), TopicKind.Command, "bed-1", payload, DateTimeOffset.UtcNow, new CountingReceipt()));
    }
}
