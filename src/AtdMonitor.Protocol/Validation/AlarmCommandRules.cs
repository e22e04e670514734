using System.Text.RegularExpressions;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;

namespace AtdMonitor.Protocol.Validation;

/// <summary>
/// The bounds every <see cref="AlarmCommand"/> must respect, wherever it comes from (the command topic or the central
/// station): ids in the protocol's syntax, a named operator, a silence with a duration within
/// <see cref="ProtocolLimits.MaxSilence"/> and an acknowledgement without one. Whether the alarm type is known and the
/// command fresh is the alarm system's decision (it knows the alarm table and the clock).
/// </summary>
public static partial class AlarmCommandRules
{
    /// <summary>One line saying what is wrong with <paramref name="command"/>, or null when it is within bounds.</summary>
    public static string? Check(AlarmCommand command, ProtocolLimits limits)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(limits);
        if (!AtdTopics.IsValidId(command.Bed))
        {
            return $"bed '{WireText.Quote(command.Bed)}' must be 1 to 64 of A-Z, a-z, 0-9, '_' or '-'.";
        }

        if (!Enum.IsDefined(command.Action))
        {
            return $"unknown action {command.Action} (acknowledge, silence).";
        }

        if (!AtdTopics.IsValidId(command.Alarm))
        {
            return $"alarm '{WireText.Quote(command.Alarm)}' must be an alarm type: 1 to 64 of A-Z, a-z, 0-9, '_' or '-'.";
        }

        if (!IsValidOperator(command.Operator))
        {
            return $"operator '{WireText.Quote(command.Operator)}' must be 1 to 64 of A-Z, a-z, 0-9, '_', '-', '.' or '@'; every command names who issued it.";
        }

        return command.Action switch
        {
            AlarmAction.Silence when command.SilenceFor is null => "a silence needs silence_for (hh:mm:ss).",
            AlarmAction.Silence when command.SilenceFor < TimeSpan.FromSeconds(1) || command.SilenceFor > limits.MaxSilence =>
                $"silence_for {command.SilenceFor} is outside 00:00:01..{limits.MaxSilence}.",
            AlarmAction.Acknowledge when command.SilenceFor is not null => "an acknowledgement carries no silence_for.",
            _ => null,
        };
    }

    /// <summary>True for an operator id: 1 to 64 of A-Z, a-z, 0-9, '_', '-', '.' or '@'.</summary>
    public static bool IsValidOperator(string? @operator) => @operator is not null && OperatorPattern().IsMatch(@operator);

    [GeneratedRegex(@"^[A-Za-z0-9_.@-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex OperatorPattern();
}
