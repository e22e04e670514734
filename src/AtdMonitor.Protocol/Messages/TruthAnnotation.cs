namespace AtdMonitor.Protocol.Messages;

/// <summary>A reference beat label at an absolute sample index of the bed's stream (MIT-BIH symbol, e.g. "N", "V", "A").</summary>
public readonly record struct TruthAnnotation(long Sample, string Symbol);
