namespace AtdMonitor.Data.Wfdb;

/// <summary>One signal line of a WFDB header.</summary>
/// <param name="FileName">The signal file holding this signal.</param>
/// <param name="Format">The storage format (212, 16 or 80).</param>
/// <param name="Gain">ADC units per physical unit (200 when the header gives 0 or nothing).</param>
/// <param name="Baseline">The ADC value that corresponds to 0 physical units (the ADC zero when not given).</param>
/// <param name="Units">The physical units ("mV" when not given).</param>
/// <param name="AdcResolution">Bits of ADC resolution.</param>
/// <param name="AdcZero">The ADC value at the middle of its range.</param>
/// <param name="InitialValue">The first sample, when the header gives it.</param>
/// <param name="Checksum">The 16-bit sum of all samples, when the header gives it.</param>
/// <param name="BlockSize">The block size (0 for ordinary files).</param>
/// <param name="Description">The lead name, e.g. "MLII".</param>
public sealed record WfdbSignalInfo(
    string FileName,
    int Format,
    double Gain,
    int Baseline,
    string Units,
    int AdcResolution,
    int AdcZero,
    int? InitialValue,
    short? Checksum,
    int BlockSize,
    string Description);
