namespace AtdMonitor.Protocol.Messages;

/// <summary>Reference annotations for a bed (<c>atd/v1/{bed}/truth</c>): recorded with the raw windows for retraining, never used for alerts.</summary>
public sealed record TruthMessage(string Bed, IReadOnlyList<TruthAnnotation> Annotations) : WireMessage(Bed);
