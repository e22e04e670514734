namespace AtdMonitor.Protocol.Messages;

/// <summary>
/// An operator's command about one alarm of one bed, received on <c>atd/v1/{bed}/command</c> (JSON) or from the central
/// station. Bounds (<see cref="Validation.AlarmCommandRules"/>): the bed and alarm follow the id syntax, the operator is
/// named, a silence carries a duration within the limit and an acknowledgement carries none.
/// </summary>
/// <param name="Bed">Bed id; must equal the id in the topic.</param>
/// <param name="Action">Acknowledge or silence.</param>
/// <param name="Alarm">The alarm's type, e.g. <c>ventricular_tachycardia</c> (the <c>type</c> of its alert events).</param>
/// <param name="SilenceFor">How long to silence (silence only), <c>hh:mm:ss</c> in JSON.</param>
/// <param name="Operator">Who issued it (audited); 1 to 64 of A-Z, a-z, 0-9, '_', '-', '.' or '@'.</param>
/// <param name="IssuedAt">When the operator issued it; a command too old or from the future is refused.</param>
public sealed record AlarmCommand(string Bed, AlarmAction Action, string Alarm, TimeSpan? SilenceFor, string Operator, DateTimeOffset IssuedAt)
    : WireMessage(Bed);
