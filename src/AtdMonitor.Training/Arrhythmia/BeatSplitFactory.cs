using AtdMonitor.Data.Beats;

namespace AtdMonitor.Training.Arrhythmia;

/// <summary>The <see cref="BeatSplit"/> of a protocol, and the records each protocol reads.</summary>
public static class BeatSplitFactory
{
    /// <summary>The 44 non-paced records: DS1 ∪ DS2, and the intra-patient pool.</summary>
    public static IReadOnlyList<string> DefaultRecords => MitBihRecords.NonPaced;

    public static BeatSplit Create(BeatDataset dataset, BeatProtocol protocol, IReadOnlyList<string> records) => protocol switch
    {
        BeatProtocol.Inter when records.SequenceEqual(DefaultRecords) => BeatSplits.InterPatient(dataset),
        BeatProtocol.Inter => throw new ArgumentException(
            "The inter-patient split needs all 44 non-paced records (DS1 and DS2); use --split intra for a subset of records.", nameof(records)),
        BeatProtocol.Intra => BeatSplits.IntraPatient(dataset),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Unknown protocol."),
    };
}
