namespace AtdMonitor.Data.Tests.Beats;

/// <summary>A streaming QRS detector's Process method: feeds samples, appends the peaks it reports.</summary>
internal delegate void PeakDetector(ReadOnlySpan<float> samples, List<long> peaks);
