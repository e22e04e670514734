using System.Globalization;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;

namespace AtdMonitor.Protocol.Validation;

/// <summary>
/// Decides whether a received (topic, payload) is acceptable: a known input topic with a valid id, a payload within
/// the size limit, a layout the codec reads, a message of the topic's kind for the topic's id, and sane values
/// (finite numbers, shapes and rates within <see cref="ProtocolLimits"/>). Alarm commands on <c>atd/v1/{bed}/command</c>
/// are JSON and checked by <see cref="AlarmCommandRules"/>. Every rejection has a one-line reason.
/// </summary>
public sealed class WireValidator(ProtocolLimits limits)
{
    public WireValidator()
        : this(ProtocolLimits.Default)
    {
    }

    public ProtocolLimits Limits { get; } = limits ?? throw new ArgumentNullException(nameof(limits));

    public ValidationOutcome Validate(string topic, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (!AtdTopics.TryParse(topic, out var kind, out var id))
        {
            return ValidationOutcome.Reject(UnknownTopicReason(topic));
        }

        return Validate(kind, id, payload);
    }

    /// <summary>One line saying why <paramref name="topic"/> is not an input topic.</summary>
    public static string UnknownTopicReason(string topic) =>
        $"topic '{WireText.Quote(topic, maxLength: 120)}' is not atd/v1/{{id}}/{{ecg|spectrogram|reading|truth|command}} with an id of 1 to 64 of A-Z, a-z, 0-9, '_' or '-'.";

    /// <summary>Validates a payload received on a topic already parsed into its kind and id.</summary>
    public ValidationOutcome Validate(TopicKind kind, string id, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (kind is TopicKind.Alert or TopicKind.DeadLetter)
        {
            return ValidationOutcome.Reject($"{kind.ToString().ToLowerInvariant()} topics are an output of the worker, not an input.");
        }

        if (payload.Length == 0)
        {
            return ValidationOutcome.Reject("empty payload.");
        }

        if (payload.Length > Limits.MaxPayloadBytes)
        {
            return ValidationOutcome.Reject($"payload of {payload.Length} bytes exceeds the limit of {Limits.MaxPayloadBytes} bytes.");
        }

        if (kind == TopicKind.Command)
        {
            return ValidateCommand(id, payload);
        }

        if (!WireCodec.TryDecode(payload, out var message, out var reason))
        {
            return ValidationOutcome.Reject(reason);
        }

        var expected = kind switch
        {
            TopicKind.Ecg => typeof(EcgWindow),
            TopicKind.Spectrogram => typeof(SpectrogramWindow),
            TopicKind.Reading => typeof(SensorReading),
            _ => typeof(TruthMessage),
        };
        if (message.GetType() != expected)
        {
            return ValidationOutcome.Reject($"a {message.GetType().Name} payload on a {kind.ToString().ToLowerInvariant()} topic.");
        }

        if (message.Id != id)
        {
            return ValidationOutcome.Reject($"payload id '{WireText.Quote(message.Id)}' does not match the topic id '{id}'.");
        }

        var problem = message switch
        {
            EcgWindow ecg => CheckEcg(ecg),
            SpectrogramWindow image => CheckSpectrogram(image),
            SensorReading reading => CheckReading(reading),
            TruthMessage truth => CheckTruth(truth),
            _ => $"unexpected message {message.GetType().Name}.",
        };
        return problem is null ? ValidationOutcome.Accept(message) : ValidationOutcome.Reject(problem);
    }

    private ValidationOutcome ValidateCommand(string bed, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > Limits.MaxCommandBytes)
        {
            return ValidationOutcome.Reject($"command of {payload.Length} bytes exceeds the limit of {Limits.MaxCommandBytes} bytes.");
        }

        AlarmCommand command;
        try
        {
            command = JsonWireCodec.DecodeAlarmCommand(payload);
        }
        catch (WireFormatException ex)
        {
            return ValidationOutcome.Reject(ex.Message);
        }

        if (command.Bed != bed)
        {
            return ValidationOutcome.Reject($"command bed '{WireText.Quote(command.Bed)}' does not match the topic id '{bed}'.");
        }

        return AlarmCommandRules.Check(command, Limits) is { } problem ? ValidationOutcome.Reject(problem) : ValidationOutcome.Accept(command);
    }

    private string? CheckEcg(EcgWindow ecg)
    {
        if ((CheckSequence(ecg.Sequence) ?? CheckTime("first-sample time", ecg.FirstSampleTime)) is { } problem)
        {
            return problem;
        }

        if (!float.IsFinite(ecg.SampleRate) || ecg.SampleRate < Limits.MinSampleRate || ecg.SampleRate > Limits.MaxSampleRate)
        {
            return $"sample rate {ecg.SampleRate} Hz is outside {Limits.MinSampleRate}..{Limits.MaxSampleRate} Hz.";
        }

        if (ecg.Leads < 1 || ecg.Leads > Limits.MaxLeads)
        {
            return $"{ecg.Leads} leads is outside 1..{Limits.MaxLeads}.";
        }

        if (ecg.SamplesPerLead < 1 || ecg.SamplesPerLead > Limits.MaxSamplesPerLead)
        {
            return $"{ecg.SamplesPerLead} samples per lead is outside 1..{Limits.MaxSamplesPerLead}.";
        }

        if (ecg.Leads < 8 && ecg.LeadsOff >> ecg.Leads != 0)
        {
            return $"leads-off flags 0x{ecg.LeadsOff:x2} name a lead beyond the {ecg.Leads} sent.";
        }

        var bad = IndexOfNonFinite(ecg.Samples);
        return bad < 0 ? null : $"sample {bad % ecg.SamplesPerLead} of lead {bad / ecg.SamplesPerLead} is {ecg.Samples[bad]}; samples must be finite.";
    }

    private string? CheckSpectrogram(SpectrogramWindow image)
    {
        if ((CheckSequence(image.Sequence) ?? CheckTime("first-sample time", image.FirstSampleTime)) is { } problem)
        {
            return problem;
        }

        if (image.Rows < 1 || image.Rows > Limits.MaxImageRows || image.Columns < 1 || image.Columns > Limits.MaxImageColumns)
        {
            return $"image shape {image.Rows} x {image.Columns} is outside 1..{Limits.MaxImageRows} x 1..{Limits.MaxImageColumns}.";
        }

        var bad = IndexOfNonFinite(image.Values);
        return bad < 0 ? null : $"image value at row {bad / image.Columns}, column {bad % image.Columns} is {image.Values[bad]}; values must be finite.";
    }

    private string? CheckReading(SensorReading reading)
    {
        if (CheckTime("time", reading.Time) is { } problem)
        {
            return problem;
        }

        if (reading.Values.Count < 1 || reading.Values.Count > Limits.MaxReadingValues)
        {
            return $"{reading.Values.Count} values is outside 1..{Limits.MaxReadingValues}.";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in reading.Values)
        {
            if (!AtdTopics.IsValidId(value.Name))
            {
                return $"value name '{WireText.Quote(value.Name)}' must be 1 to 64 of A-Z, a-z, 0-9, '_' or '-'.";
            }

            if (!names.Add(value.Name))
            {
                return $"value name '{WireText.Quote(value.Name)}' appears twice.";
            }

            if (!float.IsFinite(value.Value))
            {
                return $"value {value.Name} is {value.Value}; values must be finite.";
            }

            if (Math.Abs(value.Value) > Limits.MaxReadingMagnitude)
            {
                return string.Create(CultureInfo.InvariantCulture, $"value {value.Name} is {value.Value}; values must be within ±{Limits.MaxReadingMagnitude}.");
            }
        }

        return null;
    }

    private string? CheckSequence(long sequence) =>
        sequence < 0 || sequence > Limits.MaxSequence ? $"sequence {sequence} is outside 0..{Limits.MaxSequence}." : null;

    private string? CheckTime(string what, DateTimeOffset time) =>
        time < Limits.MinTime || time > Limits.MaxTime ? $"{what} {time:O} is outside {Limits.MinTime:yyyy-MM-dd}..{Limits.MaxTime:yyyy-MM-dd}." : null;

    private string? CheckTruth(TruthMessage truth)
    {
        if (truth.Annotations.Count == 0 || truth.Annotations.Count > Limits.MaxTruthAnnotations)
        {
            return $"{truth.Annotations.Count} annotations is outside 1..{Limits.MaxTruthAnnotations}.";
        }

        foreach (var annotation in truth.Annotations)
        {
            if (annotation.Sample < 0 || annotation.Sample / Limits.MaxSamplesPerLead > Limits.MaxSequence)
            {
                return $"annotation sample {annotation.Sample} is outside 0..{Limits.MaxSequence * Limits.MaxSamplesPerLead}.";
            }

            if (annotation.Symbol.Length == 0 || annotation.Symbol.Length > Limits.MaxAnnotationSymbolLength)
            {
                return $"annotation at sample {annotation.Sample} has a symbol of {annotation.Symbol.Length} characters; 1..{Limits.MaxAnnotationSymbolLength} allowed.";
            }
        }

        return null;
    }

    private static int IndexOfNonFinite(float[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
