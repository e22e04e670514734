using AtdMonitor.Data.Spectrograms;

namespace AtdMonitor.Simulator.Replay;

/// <summary>The window layout the simulator sends (docs/PROTOCOL.md): 1 s of 2 leads at 360 Hz, and its 32 x 40 spectrogram.</summary>
public static class WireWindow
{
    public const int SampleRate = 360;

    public const int SamplesPerWindow = SpectrogramSpec.ColumnsPerWindow * SpectrogramSpec.Hop;

    public const int Leads = 2;
}
