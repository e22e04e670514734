using AtdMonitor.Data.Beats;
using AtdMonitor.Training.Arrhythmia;

namespace AtdMonitor.Training.Tests.Arrhythmia;

/// <summary>The offline evaluation votes by families per record in time order, as the worker does per bed.</summary>
public sealed class FamilyVoteTests
{
    private const int Classes = 5;
    private const int PerRecord = 30;

    [Fact]
    public void Each_records_beats_are_voted_on_in_time_order_by_that_records_families_whatever_the_order_of_the_indices()
    {
        var dataset = TwoRecords();
        var inOrder = Enumerable.Range(0, dataset.Count).ToArray();
        var shuffled = inOrder.OrderBy(i => (i * 7919) % dataset.Count).ToArray();

        var votedInOrder = Probabilities(inOrder);
        ArrhythmiaEvaluation.VoteByFamilies(dataset, inOrder, votedInOrder, Classes);
        var votedShuffled = Probabilities(shuffled);
        ArrhythmiaEvaluation.VoteByFamilies(dataset, shuffled, votedShuffled, Classes);

        for (var k = 0; k < shuffled.Length; k++)
        {
            Assert.Equal(votedInOrder.AsSpan(shuffled[k] * Classes, Classes).ToArray(), votedShuffled.AsSpan(k * Classes, Classes).ToArray());
        }

        // Record a's last beat, called V among beats called N, is pulled below N by a's family; record b's last beat, of
        // the same shape but called N (V 0.03) among beats called V (0.7), is pulled up to 0.4 × 0.03 + 0.6 × 0.7 by b's.
        // One family for both records would mix them and give b's last beat about 0.23.
        var lastOfA = votedInOrder.AsSpan((PerRecord - 1) * Classes, Classes);
        var lastOfB = votedInOrder.AsSpan(((2 * PerRecord) - 1) * Classes, Classes);
        Assert.True(lastOfA[(int)AamiClass.V] < lastOfA[(int)AamiClass.N]);
        Assert.Equal((0.4 * 0.03) + (0.6 * 0.7), lastOfB[(int)AamiClass.V], 3);
    }

    [Fact]
    public void Probabilities_that_do_not_match_the_beats_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ArrhythmiaEvaluation.VoteByFamilies(TwoRecords(), [0, 1], new float[7], Classes));
        Assert.Contains("2 × 5", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Beat i's model probabilities: record a's beats called N and b's called V, each record's last beat the other way.</summary>
    private static float[] Probabilities(int[] indices)
    {
        float[] normal = [0.9f, 0.05f, 0.03f, 0.01f, 0.01f];
        float[] ventricular = [0.2f, 0.05f, 0.7f, 0.04f, 0.01f];
        var probabilities = new float[indices.Length * Classes];
        for (var k = 0; k < indices.Length; k++)
        {
            var inB = indices[k] >= PerRecord;
            var last = indices[k] % PerRecord == PerRecord - 1;
            (inB != last ? ventricular : normal).CopyTo(probabilities, k * Classes);
        }

        return probabilities;
    }

    private static BeatDataset TwoRecords()
    {
        var count = 2 * PerRecord;
        var signals = new float[count * BeatSpec.WindowLength];
        for (var b = 0; b < count; b++)
        {
            for (var i = 0; i < BeatSpec.WindowLength; i++)
            {
                signals[(b * BeatSpec.WindowLength) + i] = (float)Math.Exp(-Math.Pow((i - BeatSpec.WindowBefore) / 5.0, 2));
            }
        }

        // Every beat on time (pre-RR the patient's median): none is premature.
        var rhythm = new float[count * BeatSpec.RhythmFeatureCount];
        for (var b = 0; b < count; b++)
        {
            rhythm[(b * BeatSpec.RhythmFeatureCount) + BeatSpec.PrematurityFeature] = 1;
        }

        return new BeatDataset(signals, rhythm, new float[count * BeatDataset.ImageSize], new int[count],
            [.. Enumerable.Repeat("a", PerRecord), .. Enumerable.Repeat("b", PerRecord)], [.. Enumerable.Range(0, count).Select(i => (long)(i % PerRecord) * 300)]);
    }
}
