namespace AtdMonitor.Protocol.Messages;

/// <summary>A decoded input message; <see cref="Id"/> is the bed or sensor it belongs to (the id in its topic).</summary>
public abstract record WireMessage(string Id);
