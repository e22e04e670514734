using AtdMonitor.Data.Noise;
using AtdMonitor.Data.Spectrograms;
using AtdMonitor.Data.Wfdb;

namespace AtdMonitor.Simulator.Records;

/// <summary>
/// One MIT-BIH record ready to replay: the detection lead (MLII, read from the header) first, the other lead second,
/// in mV, with the reference annotations. The continuous spectrogram of the second lead is computed once, on first
/// use, and shared by every bed that replays this record.
/// </summary>
public sealed class ReplayRecord
{
    /// <summary>The lead the worker detects beats on; put first on the wire.</summary>
    public const string DetectionLead = "MLII";

    private readonly Lazy<float[]> _spectrogram;

    public ReplayRecord(string name, string[] leadNames, float[] lead0, float[] lead1, IReadOnlyList<WfdbAnnotation> annotations)
    {
        ArgumentNullException.ThrowIfNull(lead0);
        ArgumentNullException.ThrowIfNull(lead1);
        if (lead0.Length != lead1.Length)
        {
            throw new ArgumentException($"Record {name}: leads of {lead0.Length} and {lead1.Length} samples; both leads must have the same length.", nameof(lead1));
        }

        Name = name;
        LeadNames = leadNames;
        Lead0 = lead0;
        Lead1 = lead1;
        Annotations = annotations;
        var beats = annotations.Where(a => a.IsBeat).ToArray();
        BeatSamples = [.. beats.Select(a => a.Sample)];
        BeatSymbols = [.. beats.Select(a => a.Symbol)];
        _spectrogram = new Lazy<float[]>(ComputeSpectrogram, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Name { get; }

    /// <summary>Lead names in wire order (e.g. "MLII", "V5").</summary>
    public IReadOnlyList<string> LeadNames { get; }

    /// <summary>The detection lead (MLII when the record has it), mV.</summary>
    public float[] Lead0 { get; }

    /// <summary>The second lead, source of the spectrogram, mV.</summary>
    public float[] Lead1 { get; }

    /// <summary>All reference annotations (beats, rhythm changes, notes), in sample order.</summary>
    public IReadOnlyList<WfdbAnnotation> Annotations { get; }

    /// <summary>Sample indices of the reference beat labels, ascending.</summary>
    public long[] BeatSamples { get; }

    /// <summary>The MIT-BIH symbols of the reference beats, aligned with <see cref="BeatSamples"/>.</summary>
    public string[] BeatSymbols { get; }

    /// <summary>Samples per lead.</summary>
    public int Length => Lead0.Length;

    /// <summary>Spectrogram columns of the whole record (column k centred on sample 9k).</summary>
    public int SpectrogramColumns => (Length + SpectrogramSpec.Hop - 1) / SpectrogramSpec.Hop;

    /// <summary>The continuous spectrogram of <see cref="Lead1"/>, row-major [Rows x <see cref="SpectrogramColumns"/>].</summary>
    public float[] Spectrogram => _spectrogram.Value;

    /// <summary>Reads <paramref name="name"/> from a MIT-BIH folder; MLII goes first whatever its place in the header. With
    /// <paramref name="noise"/>, both leads get it first: the same realisation <c>atd eval --noise</c> scores (per record and
    /// header lead), so a noisy replay and the offline evaluation see the same signal.</summary>
    /// <exception cref="WfdbFormatException">A file is missing or malformed.</exception>
    public static ReplayRecord Load(string mitdbDirectory, string name, EcgNoise? noise = null)
    {
        var record = WfdbReader.ReadRecord(mitdbDirectory, name);
        if (record.Signals.Count < 2)
        {
            throw new WfdbFormatException($"{Path.Combine(mitdbDirectory, name + ".hea")}: {record.Signals.Count} signal(s); the replay needs 2 leads.");
        }

        // Records 102 and 104 have no MLII: their first signal is the detection lead then.
        var first = Math.Max(0, record.IndexOfLead(DetectionLead));
        var second = first == 0 ? 1 : 0;
        var annotations = WfdbAnnotationReader.Read(Path.Combine(mitdbDirectory, name + ".atr"));
        var lead0 = record.ToMillivolts(first);
        var lead1 = record.ToMillivolts(second);
        noise?.AddTo(lead0, record.SampleRate, name, first);
        noise?.AddTo(lead1, record.SampleRate, name, second);
        return new ReplayRecord(name, [record.Signals[first].Description, record.Signals[second].Description], lead0, lead1, annotations);
    }

    private float[] ComputeSpectrogram()
    {
        var columns = SpectrogramColumns;
        var output = new float[SpectrogramSpec.Rows * columns];
        StftSpectrogram.Compute(Lead1, 0, columns, output);
        return output;
    }
}
