using AtdMonitor.Data.Spectrograms;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Simulator.Beds;

namespace AtdMonitor.Simulator.Replay;

/// <summary>
/// The messages of one bed: window <c>n</c> carries stream samples <c>360n .. 360n + 359</c> of both leads (MLII first)
/// and the spectrogram columns <c>40n .. 40n + 39</c> of the continuous STFT of the second lead, exactly as
/// docs/DATA.md ("Beat spectrogram") defines them on the bed's own stream (zero before its first sample).
/// </summary>
public sealed class SimulatedBed(BedAssignment assignment, DateTimeOffset origin)
{
    // Frames reach n_fft/2 samples either side of a column centre; 36 is the next multiple of the hop.
    private const int Margin = 36;

    public BedAssignment Assignment { get; } = assignment ?? throw new ArgumentNullException(nameof(assignment));

    public string Bed => Assignment.Bed;

    /// <summary>Wall-clock time of stream sample 0 (the device clock of this bed).</summary>
    public DateTimeOffset Origin { get; } = origin;

    public DateTimeOffset TimeOf(long streamSample) => Origin.AddTicks(streamSample * TimeSpan.TicksPerSecond / WireWindow.SampleRate);

    /// <summary>Window <paramref name="sequence"/>; with <paramref name="leadsOff"/>, the window of a bed whose electrodes are
    /// off: a near-flat trace (the amplifier's noise, about 10 µV) on every lead, each reported off.</summary>
    public EcgWindow CreateEcg(long sequence, bool leadsOff = false)
    {
        var start = sequence * WireWindow.SamplesPerWindow;
        if (leadsOff)
        {
            var noise = new Random(unchecked((int)sequence));
            var flat = Enumerable.Range(0, WireWindow.Leads * WireWindow.SamplesPerWindow).Select(_ => (float)((noise.NextDouble() - 0.5) * 0.02)).ToArray();
            return new EcgWindow(Bed, sequence, TimeOf(start), WireWindow.SampleRate, WireWindow.Leads, EcgUnits.Millivolts, flat, (byte)((1 << WireWindow.Leads) - 1));
        }

        var recordStart = Assignment.RecordSample(start);
        var samples = new float[WireWindow.Leads * WireWindow.SamplesPerWindow];
        Assignment.Record.Lead0.AsSpan(recordStart, WireWindow.SamplesPerWindow).CopyTo(samples);
        Assignment.Record.Lead1.AsSpan(recordStart, WireWindow.SamplesPerWindow).CopyTo(samples.AsSpan(WireWindow.SamplesPerWindow));
        return new EcgWindow(Bed, sequence, TimeOf(start), WireWindow.SampleRate, WireWindow.Leads, EcgUnits.Millivolts, samples);
    }

    public SpectrogramWindow CreateSpectrogram(long sequence)
    {
        var start = sequence * WireWindow.SamplesPerWindow;
        var values = new float[SpectrogramSpec.Rows * SpectrogramSpec.ColumnsPerWindow];
        if (!TryCopyFromRecord(start, values))
        {
            ComputeFromStream(start, values);
        }

        return new SpectrogramWindow(Bed, sequence, TimeOf(start), SpectrogramSpec.Rows, SpectrogramSpec.ColumnsPerWindow, values);
    }

    /// <summary>The reference beat labels inside window <paramref name="sequence"/>, at stream sample indices; null when none.</summary>
    public TruthMessage? CreateTruth(long sequence)
    {
        var start = sequence * WireWindow.SamplesPerWindow;
        var recordStart = Assignment.RecordSample(start);
        var beats = Assignment.Record.BeatSamples;
        var first = LowerBound(beats, recordStart);
        var annotations = new List<TruthAnnotation>();
        for (var i = first; i < beats.Length && beats[i] < recordStart + WireWindow.SamplesPerWindow; i++)
        {
            annotations.Add(new TruthAnnotation(start + (beats[i] - recordStart), Assignment.Record.BeatSymbols[i]));
        }

        return annotations.Count == 0 ? null : new TruthMessage(Bed, annotations);
    }

    /// <summary>
    /// The record's precomputed spectrogram serves when the frames of this window see the same samples in the stream
    /// as in the record: not across the loop seam, and with zero padding before both or neither.
    /// </summary>
    private bool TryCopyFromRecord(long start, Span<float> output)
    {
        var recordStart = Assignment.RecordSample(start);
        var sameStart = (recordStart == 0) == (start == 0);
        var sameEnd = recordStart + WireWindow.SamplesPerWindow + Margin <= Assignment.LoopLength;
        if (!sameStart || !sameEnd)
        {
            return false;
        }

        var record = Assignment.Record;
        var firstColumn = recordStart / SpectrogramSpec.Hop;
        for (var row = 0; row < SpectrogramSpec.Rows; row++)
        {
            record.Spectrogram.AsSpan((row * record.SpectrogramColumns) + firstColumn, SpectrogramSpec.ColumnsPerWindow)
                .CopyTo(output.Slice(row * SpectrogramSpec.ColumnsPerWindow, SpectrogramSpec.ColumnsPerWindow));
        }

        return true;
    }

    private void ComputeFromStream(long start, Span<float> output)
    {
        Span<float> signal = stackalloc float[Margin + WireWindow.SamplesPerWindow + Margin];
        var lead = Assignment.Record.Lead1;
        for (var i = 0; i < signal.Length; i++)
        {
            var streamSample = start - Margin + i;
            signal[i] = streamSample < 0 ? 0 : lead[Assignment.RecordSample(streamSample)];
        }

        StftSpectrogram.Compute(signal, Margin / SpectrogramSpec.Hop, SpectrogramSpec.ColumnsPerWindow, output);
    }

    private static int LowerBound(long[] sorted, long value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] < value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
