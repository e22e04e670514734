using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Validation;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Health;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// The one gate between the broker and the pipelines: decodes and validates a message against the protocol's bounds,
/// checks what this worker's model can use (<see cref="StreamContract"/>), keeps window times within
/// <c>Pipeline:MaxClockSkew</c> of the worker's clock and new beds (their windows and their truth) within
/// <c>Pipeline:MaxBeds</c>. Anything else is
/// dead-lettered with its reason, so no value that passes can break the arithmetic behind it.
/// </summary>
public sealed class WireAdmission(WireValidator validator, DeadLetterOffice deadLetters, BedRoster beds, PipelineMetrics metrics, IOptions<PipelineOptions> options, TimeProvider time)
{
    private readonly TimeSpan _maxSkew = options.Value.MaxClockSkew;

    /// <summary>The decoded message, or null when it was dead-lettered.</summary>
    public WireMessage? Admit(ReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var outcome = validator.Validate(message.Kind, message.Id, message.Payload);
        var reason = outcome.IsValid ? Check(outcome.Message) : outcome.Reason;
        if (reason is not null)
        {
            deadLetters.Reject(message, reason);
            return null;
        }

        return outcome.Message;
    }

    private string? Check(WireMessage message)
    {
        if (StreamContract.Check(message) is { } unusable)
        {
            return unusable;
        }

        if (message is EcgWindow or SpectrogramWindow)
        {
            var first = message is EcgWindow ecg ? ecg.FirstSampleTime : ((SpectrogramWindow)message).FirstSampleTime;
            var skew = first - time.GetUtcNow();
            if (skew.Duration() > _maxSkew)
            {
                return $"first-sample time {first:O} is {skew.TotalHours:0.#} h from the worker's clock; Pipeline:MaxClockSkew allows {_maxSkew}. Check the device clock.";
            }

        }

        if (message is EcgWindow or SpectrogramWindow or TruthMessage && !beds.HasRoomFor(message.Id))
        {
            metrics.CountBedRefused();
            return $"bed '{message.Id}' is new and {beds.MaxBeds} beds are active (Pipeline:MaxBeds); it is monitored once another bed goes idle or by another worker.";
        }

        return null;
    }
}
