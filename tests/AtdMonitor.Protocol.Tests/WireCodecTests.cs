using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Protocol.Tests;

public sealed class WireCodecTests
{
    [Fact]
    public void An_ecg_window_survives_a_float32_round_trip_exactly()
    {
        var window = SampleMessages.Ecg();

        var decoded = Assert.IsType<EcgWindow>(WireCodec.Decode(WireCodec.Encode(window)));

        Assert.Equal(window.Bed, decoded.Bed);
        Assert.Equal(window.Sequence, decoded.Sequence);
        Assert.Equal(window.FirstSampleTime, decoded.FirstSampleTime);
        Assert.Equal(window.SampleRate, decoded.SampleRate);
        Assert.Equal(2, decoded.Leads);
        Assert.Equal(360, decoded.SamplesPerLead);
        Assert.Equal(window.Samples, decoded.Samples);
        Assert.Equal(7 * 360, decoded.FirstSampleIndex);
    }

    [Fact]
    public void The_devices_leads_off_flags_survive_a_round_trip_and_say_which_lead_is_off()
    {
        var decoded = Assert.IsType<EcgWindow>(WireCodec.Decode(WireCodec.Encode(SampleMessages.Ecg() with { LeadsOff = 0b10 })));

        Assert.Equal((byte)0b10, decoded.LeadsOff);
        Assert.Equal((false, true), (decoded.IsLeadOff(0), decoded.IsLeadOff(1)));
    }

    [Fact]
    public void An_int16_ecg_window_is_half_the_size_and_within_one_count_of_the_original()
    {
        var window = SampleMessages.Ecg();

        var compact = WireCodec.Encode(window, EcgSampleFormat.Scaled16Bit);
        var decoded = Assert.IsType<EcgWindow>(WireCodec.Decode(compact));

        Assert.True(compact.Length < WireCodec.Encode(window).Length * 0.55);
        var step = 1.5f / short.MaxValue;
        for (var i = 0; i < window.Samples.Length; i++)
        {
            Assert.InRange(decoded.Samples[i] - window.Samples[i], -step, step);
        }
    }

    [Fact]
    public void A_spectrogram_survives_a_round_trip_with_its_shape()
    {
        var image = SampleMessages.Spectrogram();

        var decoded = Assert.IsType<SpectrogramWindow>(WireCodec.Decode(WireCodec.Encode(image)));

        Assert.Equal((32, 40), (decoded.Rows, decoded.Columns));
        Assert.Equal(image.Values, decoded.Values);
        Assert.Equal(image.Sequence, decoded.Sequence);
    }

    [Fact]
    public void A_reading_and_a_truth_message_survive_a_round_trip()
    {
        var reading = Assert.IsType<SensorReading>(WireCodec.Decode(WireCodec.Encode(SampleMessages.Reading())));
        var truth = Assert.IsType<TruthMessage>(WireCodec.Decode(WireCodec.Encode(SampleMessages.Truth())));

        Assert.Equal(SampleMessages.Reading().Values, reading.Values);
        Assert.Equal(SampleMessages.Time, reading.Time);
        Assert.Equal(SampleMessages.Truth().Annotations, truth.Annotations);
    }

    [Fact]
    public void The_header_starts_with_the_magic_and_the_version()
    {
        var payload = WireCodec.Encode(SampleMessages.Ecg());

        Assert.Equal("ATD"u8.ToArray(), payload[..3]);
        Assert.Equal(WireCodec.Version, payload[3]);
        Assert.Equal((byte)MessageType.Ecg, payload[4]);
    }

    [Fact]
    public void Every_truncation_of_a_payload_is_rejected_with_a_reason()
    {
        var payload = WireCodec.Encode(SampleMessages.Ecg());

        for (var length = 0; length < payload.Length; length += 37)
        {
            Assert.False(WireCodec.TryDecode(payload.AsSpan(0, length), out _, out var reason));
            Assert.False(string.IsNullOrWhiteSpace(reason));
        }
    }

    [Theory]
    [InlineData(0, 0x42, "magic")]
    [InlineData(3, 9, "version 9")]
    [InlineData(4, 77, "message type 77")]
    public void A_corrupt_header_is_rejected_naming_the_field(int offset, byte value, string expected)
    {
        var payload = WireCodec.Encode(SampleMessages.Ecg());
        payload[offset] = value;

        Assert.False(WireCodec.TryDecode(payload, out _, out var reason));

        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Trailing_bytes_are_rejected()
    {
        var payload = WireCodec.Encode(SampleMessages.Spectrogram()).Append((byte)0).ToArray();

        Assert.False(WireCodec.TryDecode(payload, out _, out var reason));

        Assert.Contains("trailing", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_claiming_a_huge_image_fails_before_allocating_it()
    {
        var payload = WireCodec.Encode(SampleMessages.Spectrogram());
        var rowsOffset = WireCodec.HeaderLength + "bed-01".Length + 16;
        payload[rowsOffset] = 0xFF;
        payload[rowsOffset + 1] = 0xFF;

        Assert.False(WireCodec.TryDecode(payload, out _, out var reason));

        Assert.Contains("truncated", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Alerts_and_dead_letters_round_trip_through_json_with_snake_case_names()
    {
        var alert = new AlertMessage("bed-01", SampleMessages.Time, "tachycardia", AlertState.Raise, "HR 140 bpm", 140);
        var deadLetter = DeadLetterMessage.Create("atd/v1/x/ecg", "bad", SampleMessages.Time, new byte[5000]);

        var alertJson = JsonWireCodec.Encode(alert);

        Assert.Contains("\"state\":\"raise\"", System.Text.Encoding.UTF8.GetString(alertJson), StringComparison.Ordinal);
        Assert.Equal(alert, JsonWireCodec.DecodeAlert(alertJson));
        var decoded = JsonWireCodec.DecodeDeadLetter(JsonWireCodec.Encode(deadLetter));
        Assert.Equal(5000, decoded.PayloadLength);
        Assert.Equal(DeadLetterMessage.MaxPayloadBytes, decoded.Payload.Length);
    }

    [Fact]
    public void An_alarm_event_carries_priority_onset_end_and_acknowledgement_and_an_event_without_them_still_decodes()
    {
        var alarm = new AlertMessage(
            "bed-01", SampleMessages.Time.AddSeconds(3), "ventricular_tachycardia", AlertState.Clear, "VT ended; condition ended, unacknowledged", 180,
            AlarmPriority.High, SampleMessages.Time, SampleMessages.Time.AddSeconds(3), AlarmAcknowledgement.Unacknowledged, Latched: true);

        var json = System.Text.Encoding.UTF8.GetString(JsonWireCodec.Encode(alarm));

        Assert.Contains("\"priority\":\"high\",\"onset\":", json, StringComparison.Ordinal);
        Assert.Contains("\"acknowledgement\":\"unacknowledged\",\"latched\":true,\"escalated\":false,\"silenced_until\":null,\"operator\":null", json, StringComparison.Ordinal);
        Assert.Equal(alarm, JsonWireCodec.DecodeAlert(System.Text.Encoding.UTF8.GetBytes(json)));
        var old = JsonWireCodec.DecodeAlert("""{"bed":"bed-01","time":"2026-11-26T08:30:12.5+00:00","type":"pause","state":"raise","message":"pause","value":2.5}"""u8);
        Assert.Equal((null, false, null), (old.Priority, old.Latched, old.Acknowledgement));
    }
}
