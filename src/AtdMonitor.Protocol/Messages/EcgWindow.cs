namespace AtdMonitor.Protocol.Messages;

/// <summary>
/// One window of continuous ECG (<c>atd/v1/{bed}/ecg</c>). Windows of a bed are numbered 0, 1, 2, ... without gaps
/// by the device, so the first sample of window <c>n</c> is sample <c>n × SamplesPerLead</c> of the stream.
/// </summary>
/// <param name="Bed">Bed id (the id in the topic).</param>
/// <param name="Sequence">Window number, 0-based, +1 per window.</param>
/// <param name="FirstSampleTime">Time of the first sample (UTC, microsecond resolution on the wire).</param>
/// <param name="SampleRate">Samples per second per lead.</param>
/// <param name="Leads">Number of leads.</param>
/// <param name="Units">Unit of <paramref name="Samples"/>.</param>
/// <param name="Samples">Lead-major samples: lead 0's window, then lead 1's, ...; length Leads × SamplesPerLead.</param>
/// <param name="LeadsOff">The device's lead-off detection: bit <c>i</c> set when lead <c>i</c>'s electrodes are off for
/// this window (leads 0 to 7); 0 when all are on or the device cannot tell.</param>
public sealed record EcgWindow(string Bed, long Sequence, DateTimeOffset FirstSampleTime, float SampleRate, int Leads, EcgUnits Units, float[] Samples, byte LeadsOff = 0)
    : WireMessage(Bed)
{
    /// <summary>True when the device reports lead <paramref name="lead"/>'s electrodes off.</summary>
    public bool IsLeadOff(int lead) => lead is >= 0 and < 8 && (LeadsOff & (1 << lead)) != 0;

    public int SamplesPerLead => Leads == 0 ? 0 : Samples.Length / Leads;

    /// <summary>Absolute index of the first sample in the bed's continuous stream.</summary>
    public long FirstSampleIndex => Sequence * SamplesPerLead;

    /// <summary>The samples of one lead, in <see cref="Units"/>.</summary>
    public ReadOnlySpan<float> Lead(int lead) => Samples.AsSpan(lead * SamplesPerLead, SamplesPerLead);
}
