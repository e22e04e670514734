namespace AtdMonitor.Streaming.Inference;

/// <summary>How windows from all beds are gathered into one inference call: at most <paramref name="Window"/> of waiting, at most <paramref name="Size"/> windows.</summary>
public sealed record BatchingSettings(TimeSpan Window, int Size);
