using AtdMonitor.Protocol.Validation;

namespace AtdMonitor.Integration.Tests.Fuzz;

/// <summary>The fuzz corpus itself: large enough, and every input really is invalid (else the dead-letter count of the
/// end-to-end fuzz test would prove nothing).</summary>
public sealed class HostileInputsTests
{
    [Fact]
    public void The_corpus_holds_more_than_ten_thousand_inputs_that_the_protocol_rejects_each_with_a_reason()
    {
        var validator = new WireValidator();
        var inputs = HostileInputs.Create();

        var accepted = inputs.Where(input => validator.Validate(input.Topic, input.Payload).IsValid).ToList();

        Assert.True(inputs.Count >= 10_000, $"only {inputs.Count} inputs");
        Assert.Empty(accepted);
        Assert.True(inputs.Select(i => i.Category).Distinct().Count() >= 25);
    }

    [Fact]
    public void The_valid_windows_sent_between_the_hostile_ones_are_accepted()
    {
        var validator = new WireValidator();

        Assert.True(validator.Validate("atd/v1/fuzz-bed/ecg", AtdMonitor.Protocol.Codec.WireCodec.Encode(HostileInputs.ValidEcg(sequence: 7))).IsValid);
        Assert.True(validator.Validate("atd/v1/fuzz-bed/spectrogram", AtdMonitor.Protocol.Codec.WireCodec.Encode(HostileInputs.ValidSpectrogram(sequence: 7))).IsValid);
    }
}
