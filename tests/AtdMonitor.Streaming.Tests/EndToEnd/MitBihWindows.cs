using AtdMonitor.Data.Noise;
using AtdMonitor.Data.Spectrograms;
using AtdMonitor.Data.Wfdb;
using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Tests.EndToEnd;

/// <summary>A MIT-BIH record cut into the wire's 1-s windows, as a bedside device would publish them.</summary>
internal sealed class MitBihWindows
{
    private readonly float[] _lead0;
    private readonly float[] _lead1;

    /// <param name="lead1Noise">Noise added to the second lead only (as <c>atd score stream --noise</c> adds it to both).</param>
    public MitBihWindows(string directory, string record, string bed, DateTimeOffset start, EcgNoise? lead1Noise = null)
    {
        Record = WfdbReader.ReadRecord(directory, record);
        var mlii = Record.IndexOfLead("MLII");
        _lead0 = Record.ToMillivolts(mlii < 0 ? 0 : mlii);
        _lead1 = Record.ToMillivolts(mlii == 1 ? 0 : 1);
        lead1Noise?.AddTo(_lead1, Record.SampleRate, record, mlii == 1 ? 0 : 1);
        Annotations = WfdbAnnotationReader.Read(Path.Combine(directory, record + ".atr"));
        Bed = bed;
        Start = start;
    }

    public WfdbRecord Record { get; }

    public IReadOnlyList<WfdbAnnotation> Annotations { get; }

    public string Bed { get; }

    public DateTimeOffset Start { get; }

    public EcgWindow Ecg(long sequence)
    {
        var samples = new float[2 * 360];
        _lead0.AsSpan((int)sequence * 360, 360).CopyTo(samples);
        _lead1.AsSpan((int)sequence * 360, 360).CopyTo(samples.AsSpan(360));
        return new EcgWindow(Bed, sequence, Start.AddSeconds(sequence), 360, 2, EcgUnits.Millivolts, samples);
    }

    /// <summary>The window's 32 x 40 spectrogram of the second lead (docs/DATA.md: columns s/9 .. s/9 + 39).</summary>
    public SpectrogramWindow Image(long sequence)
    {
        var values = new float[SpectrogramSpec.Rows * SpectrogramSpec.ColumnsPerWindow];
        StftSpectrogram.Compute(_lead1, sequence * SpectrogramSpec.ColumnsPerWindow, SpectrogramSpec.ColumnsPerWindow, values);
        return new SpectrogramWindow(Bed, sequence, Start.AddSeconds(sequence), SpectrogramSpec.Rows, SpectrogramSpec.ColumnsPerWindow, values);
    }

    /// <summary>Reference beats with their R-peak in [first, end) samples.</summary>
    public int ReferenceBeats(long first, long end) => Annotations.Count(a => a.IsBeat && a.Sample >= first && a.Sample < end);
}
