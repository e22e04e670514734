using System.Diagnostics.CodeAnalysis;
using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Protocol.Validation;

/// <summary>The verdict on one received message: the decoded message, or the reason it was rejected.</summary>
public sealed record ValidationOutcome
{
    private ValidationOutcome(WireMessage? message, string? reason)
    {
        Message = message;
        Reason = reason;
    }

    public WireMessage? Message { get; }

    /// <summary>One line saying what was wrong; null when valid.</summary>
    public string? Reason { get; }

    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Reason))]
    public bool IsValid => Message is not null;

    public static ValidationOutcome Accept(WireMessage message) => new(message, null);

    public static ValidationOutcome Reject(string reason) => new(null, reason);
}
