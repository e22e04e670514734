using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Protocol.Validation;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Ingest;
using AtdMonitor.Streaming.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Tests.Ingest;

public sealed class WireAdmissionTests : IDisposable
{
    private readonly TestMetrics _metrics = new();
    private readonly AcknowledgementLedger _ledger = new(5, TimeSpan.FromSeconds(30), TimeProvider.System);
    private readonly BedRoster _beds = new(2);
    private readonly OutboundChannel _outbound;
    private readonly WireAdmission _admission;

    public WireAdmissionTests()
    {
        _outbound = new OutboundChannel(Options.Create(new MqttOptions()), _metrics.Pipeline, NullLogger<OutboundChannel>.Instance);
        var deadLetters = new DeadLetterOffice(_outbound, _ledger, _metrics.Pipeline, NullLogger<DeadLetterOffice>.Instance);
        _admission = new WireAdmission(new WireValidator(), deadLetters, _beds, _metrics.Pipeline, Options.Create(new PipelineOptions { MaxClockSkew = TimeSpan.FromHours(1) }), new SchedulerTimeProvider(new System.Reactive.Concurrency.HistoricalScheduler(Messages.Start)));
    }

    [Fact]
    public void A_window_stamped_far_from_the_workers_clock_is_dead_lettered_with_the_reason()
    {
        Assert.NotNull(_admission.Admit(Received(Messages.Ecg(0))));
        Assert.Null(_admission.Admit(Received(Messages.Ecg(0) with { FirstSampleTime = Messages.Start.AddHours(3) })));

        Assert.Contains("Pipeline:MaxClockSkew", DeadLetterReason(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_bed_beyond_MaxBeds_is_refused_and_counted_while_enrolled_beds_go_on()
    {
        _beds.Enrol("bed-1");
        _beds.Enrol("bed-2");

        Assert.NotNull(_admission.Admit(Received(Messages.Ecg(0, "bed-2"))));
        Assert.Null(_admission.Admit(Received(Messages.Ecg(0, "bed-3"))));

        Assert.Contains("Pipeline:MaxBeds", DeadLetterReason(), StringComparison.Ordinal);
        Assert.Equal(1, _metrics.Pipeline.Snapshot(Messages.Start).BedsRefused);
        Assert.Single(_ledger.TakeReleased());
    }

    [Fact]
    public void Truth_for_a_new_bed_beyond_MaxBeds_is_refused_like_its_windows()
    {
        _beds.Enrol("bed-1");
        _beds.Enrol("bed-2");
        var truth = new Protocol.Messages.TruthMessage("bed-3", [new Protocol.Messages.TruthAnnotation(100, "N")]);

        Assert.Null(_admission.Admit(new ReceivedMessage(AtdTopics.Truth("bed-3"), TopicKind.Truth, "bed-3", WireCodec.Encode(truth), Messages.Start, new CountingReceipt())));

        Assert.Contains("Pipeline:MaxBeds", DeadLetterReason(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData((1L << 40) + 1)]
    [InlineData(long.MaxValue)]
    public void A_sequence_outside_the_protocol_bounds_is_dead_lettered(long sequence)
    {
        Assert.Null(_admission.Admit(Received(Messages.Ecg(0) with { Sequence = sequence })));
        Assert.Contains("sequence", DeadLetterReason(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1e20f)]
    [InlineData(-51f)]
    public void A_window_with_a_sample_no_ecg_can_have_is_dead_lettered_and_one_at_the_rail_is_not(float absurd)
    {
        var rail = Messages.Ecg(0);
        rail.Samples[100] = 12f;
        var broken = Messages.Ecg(1);
        broken.Samples[100] = absurd;

        Assert.NotNull(_admission.Admit(Received(rail)));
        Assert.Null(_admission.Admit(Received(broken)));

        Assert.Contains("50 mV", DeadLetterReason(), StringComparison.Ordinal);
    }

    public void Dispose() => _metrics.Dispose();

    private static ReceivedMessage Received(Protocol.Messages.EcgWindow window) =>
        new(AtdTopics.Ecg(window.Bed), TopicKind.Ecg, window.Bed, WireCodec.Encode(window), Messages.Start, new CountingReceipt());

    private string DeadLetterReason()
    {
        Assert.True(_outbound.TryPeek(out var letter));
        _outbound.Remove(letter);
        return JsonWireCodec.DecodeDeadLetter(letter.Payload).Reason;
    }
}
