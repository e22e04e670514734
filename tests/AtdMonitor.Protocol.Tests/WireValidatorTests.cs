using System.Buffers.Binary;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Protocol.Validation;

namespace AtdMonitor.Protocol.Tests;

public sealed class WireValidatorTests
{
    private readonly WireValidator _validator = new();

    [Fact]
    public void Valid_messages_on_their_topics_are_accepted()
    {
        Assert.True(_validator.Validate(AtdTopics.Ecg("bed-01"), WireCodec.Encode(SampleMessages.Ecg())).IsValid);
        Assert.True(_validator.Validate(AtdTopics.Spectrogram("bed-01"), WireCodec.Encode(SampleMessages.Spectrogram())).IsValid);
        Assert.True(_validator.Validate(AtdTopics.Reading("ett_1"), WireCodec.Encode(SampleMessages.Reading())).IsValid);
        Assert.True(_validator.Validate(AtdTopics.Truth("bed-01"), WireCodec.Encode(SampleMessages.Truth())).IsValid);
    }

    [Theory]
    [InlineData("atd/v1/bed 1/ecg")]
    [InlineData("atd/v1/bed+1/ecg")]
    [InlineData("atd/v2/bed1/ecg")]
    [InlineData("atd/v1/bed1/ecg/extra")]
    [InlineData("atd/v1//ecg")]
    [InlineData("atd/v1/bed1/heart")]
    public void Topics_outside_the_contract_are_rejected(string topic)
    {
        var outcome = _validator.Validate(topic, WireCodec.Encode(SampleMessages.Ecg()));

        Assert.False(outcome.IsValid);
        Assert.Contains("is not atd/v1/", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_longer_than_64_characters_is_rejected()
    {
        Assert.False(AtdTopics.TryParse($"atd/v1/{new string('a', 65)}/ecg", out _, out _));
        Assert.True(AtdTopics.TryParse($"atd/v1/{new string('a', 64)}/ecg", out _, out _));
    }

    [Fact]
    public void A_payload_for_another_bed_is_rejected()
    {
        var outcome = _validator.Validate(AtdTopics.Ecg("bed-02"), WireCodec.Encode(SampleMessages.Ecg("bed-01")));

        Assert.Equal("payload id 'bed-01' does not match the topic id 'bed-02'.", outcome.Reason);
    }

    [Fact]
    public void An_image_on_an_ecg_topic_is_rejected()
    {
        var outcome = _validator.Validate(AtdTopics.Ecg("bed-01"), WireCodec.Encode(SampleMessages.Spectrogram()));

        Assert.Equal("a SpectrogramWindow payload on a ecg topic.", outcome.Reason);
    }

    [Fact]
    public void A_nan_sample_is_rejected_naming_its_lead_and_index()
    {
        var window = SampleMessages.Ecg();
        window.Samples[360 + 17] = float.NaN;

        var outcome = _validator.Validate(AtdTopics.Ecg("bed-01"), WireCodec.Encode(window));

        Assert.Equal("sample 17 of lead 1 is NaN; samples must be finite.", outcome.Reason);
    }

    [Fact]
    public void A_truth_message_with_more_annotations_than_the_limit_or_a_long_symbol_is_rejected()
    {
        var many = new TruthMessage("bed-01", Enumerable.Range(0, 1_001).Select(i => new TruthAnnotation(i * 300L, "N")).ToList());
        var longSymbol = new TruthMessage("bed-01", [new TruthAnnotation(300, "NNNNNNNNN")]);

        Assert.Equal("1001 annotations is outside 1..1000.", _validator.Validate(AtdTopics.Truth("bed-01"), WireCodec.Encode(many)).Reason);
        Assert.Equal("annotation at sample 300 has a symbol of 9 characters; 1..8 allowed.", _validator.Validate(AtdTopics.Truth("bed-01"), WireCodec.Encode(longSymbol)).Reason);
    }

    [Fact]
    public void A_finite_reading_value_beyond_a_million_is_rejected_naming_it()
    {
        var reading = new SensorReading("ett_1", SampleMessages.Reading().Time, [new SensorValue("OT", 30), new SensorValue("HUFL", 1e25f)]);

        var outcome = _validator.Validate(AtdTopics.Reading("ett_1"), WireCodec.Encode(reading));

        Assert.Equal("value HUFL is 1E+25; values must be within ±1000000.", outcome.Reason);
    }

    [Fact]
    public void Leads_off_flags_naming_a_lead_that_was_not_sent_are_rejected()
    {
        var outcome = _validator.Validate(AtdTopics.Ecg("bed-01"), WireCodec.Encode(SampleMessages.Ecg() with { LeadsOff = 0b100 }));

        Assert.Equal("leads-off flags 0x04 name a lead beyond the 2 sent.", outcome.Reason);
    }

    [Fact]
    public void An_infinite_image_value_is_rejected_naming_its_row_and_column()
    {
        var image = SampleMessages.Spectrogram();
        image.Values[(2 * 40) + 3] = float.PositiveInfinity;

        var outcome = _validator.Validate(AtdTopics.Spectrogram("bed-01"), WireCodec.Encode(image));

        Assert.StartsWith("image value at row 2, column 3 is", outcome.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(20_000f)]
    [InlineData(float.NaN)]
    public void A_sample_rate_outside_the_limits_is_rejected(float rate)
    {
        var window = SampleMessages.Ecg() with { SampleRate = rate };

        var outcome = _validator.Validate(AtdTopics.Ecg("bed-01"), WireCodec.Encode(window));

        Assert.Contains("sample rate", outcome.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData((1L << 40) + 1)]
    [InlineData(long.MaxValue)]
    public void A_sequence_outside_0_to_2_to_the_40_is_rejected_so_no_index_derived_from_it_can_overflow(long sequence)
    {
        var outcome = _validator.Validate(AtdTopics.Ecg("bed-01"), WireCodec.Encode(SampleMessages.Ecg(sequence: sequence)));

        Assert.Equal($"sequence {sequence} is outside 0..1099511627776.", outcome.Reason);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    public void A_window_stamped_outside_2000_to_2100_is_rejected(int year)
    {
        var window = SampleMessages.Ecg() with { FirstSampleTime = new DateTimeOffset(year, 6, 1, 0, 0, 0, TimeSpan.Zero) };

        var outcome = _validator.Validate(AtdTopics.Ecg("bed-01"), WireCodec.Encode(window));

        Assert.StartsWith("first-sample time", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_payload_is_rejected_before_decoding()
    {
        var validator = new WireValidator(new ProtocolLimits { MaxPayloadBytes = 100 });

        var outcome = validator.Validate(AtdTopics.Ecg("bed-01"), WireCodec.Encode(SampleMessages.Ecg()));

        Assert.EndsWith("bytes exceeds the limit of 100 bytes.", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_int16_payload_with_a_zero_scale_is_rejected()
    {
        var payload = WireCodec.Encode(SampleMessages.Ecg(), EcgSampleFormat.Scaled16Bit);
        var scaleOffset = WireCodec.HeaderLength + "bed-01".Length + 8 + 8 + 4 + 4 + 2;
        BinaryPrimitives.WriteSingleLittleEndian(payload.AsSpan(scaleOffset), 0f);

        var outcome = _validator.Validate(AtdTopics.Ecg("bed-01"), payload);

        Assert.Equal("int16 scale 0 must be a finite positive number.", outcome.Reason);
    }

    [Fact]
    public void Duplicate_reading_names_and_worker_outputs_are_rejected()
    {
        var reading = new SensorReading("ett_1", SampleMessages.Time, [new SensorValue("OT", 1), new SensorValue("OT", 2)]);

        Assert.Equal("value name 'OT' appears twice.", _validator.Validate(AtdTopics.Reading("ett_1"), WireCodec.Encode(reading)).Reason);
        Assert.Contains("output of the worker", _validator.Validate(AtdTopics.Alert("bed-01"), [1]).Reason, StringComparison.Ordinal);
        Assert.Equal("empty payload.", _validator.Validate(AtdTopics.Ecg("bed-01"), []).Reason);
    }
}
