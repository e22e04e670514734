using AtdMonitor.Simulator.Records;
using AtdMonitor.Simulator.Replay;

namespace AtdMonitor.Simulator.Beds;

/// <summary>
/// What one simulated bed replays: sample <c>i</c> of the bed's stream is sample <c>(StartSample + i) mod LoopLength</c>
/// of <see cref="Record"/>. The loop drops the record's last partial window, so every wire window is one contiguous
/// slice of the record; a replay that outlasts the record starts it again (one discontinuity per pass).
/// </summary>
public sealed record BedAssignment(string Bed, ReplayRecord Record, int StartSample)
{
    /// <summary>Record samples replayed per pass: whole windows only.</summary>
    public int LoopLength => Record.Length / WireWindow.SamplesPerWindow * WireWindow.SamplesPerWindow;

    /// <summary>Windows per pass over the record.</summary>
    public int WindowsPerPass => LoopLength / WireWindow.SamplesPerWindow;

    /// <summary>The record sample behind stream sample <paramref name="streamSample"/>.</summary>
    public int RecordSample(long streamSample) => (int)((StartSample + streamSample) % LoopLength);
}
