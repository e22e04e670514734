namespace AtdMonitor.Data.Wfdb;

/// <summary>A WFDB record read in full: its signals' header lines and their samples in ADC units.</summary>
/// <param name="Name">The record name, e.g. "100".</param>
/// <param name="SampleRate">Samples per second per signal.</param>
/// <param name="Signals">The header's signal lines, in order.</param>
/// <param name="Samples">The samples, <c>[signal][sample]</c>, in ADC units.</param>
public sealed record WfdbRecord(string Name, double SampleRate, IReadOnlyList<WfdbSignalInfo> Signals, short[][] Samples)
{
    /// <summary>Samples per signal.</summary>
    public int Length => Samples.Length == 0 ? 0 : Samples[0].Length;

    /// <summary>One signal in physical units (mV for ECG): (adc − baseline) / gain.</summary>
    public float[] ToMillivolts(int signal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(signal);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(signal, Signals.Count);
        var info = Signals[signal];
        var adc = Samples[signal];
        var result = new float[adc.Length];
        var scale = 1.0 / info.Gain;
        for (var i = 0; i < adc.Length; i++)
        {
            result[i] = (float)((adc[i] - info.Baseline) * scale);
        }

        return result;
    }

    /// <summary>The index of the signal whose description is <paramref name="lead"/> (case-insensitive), or −1.</summary>
    public int IndexOfLead(string lead)
    {
        for (var i = 0; i < Signals.Count; i++)
        {
            if (string.Equals(Signals[i].Description, lead, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
