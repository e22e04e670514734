using AtdMonitor.Data.Beats;
using AtdMonitor.Model.Inference;
using AtdMonitor.Training.Metrics;

namespace AtdMonitor.Training.Arrhythmia;

/// <summary>
/// Scores beats through <see cref="BeatClassifier"/>, the same facade the streaming worker uses, then each record's
/// beats through its <see cref="BeatFamilies"/> as the worker does per bed, so the figures measure the shipped
/// inference path (normalisation from the checkpoint included).
/// </summary>
public static class ArrhythmiaEvaluation
{
    /// <summary>Every beat's top class (the confidence floor not applied).</summary>
    public static ConfusionMatrix Evaluate(BeatClassifier classifier, BeatDataset dataset, IReadOnlyList<int> indices, int batchSize = 256) =>
        FlooredEvaluation.Of(classifier, dataset, indices, Calls(classifier, dataset, indices, batchSize)).TopClass;

    /// <summary>The probabilities the worker acts on: <see cref="Probabilities"/>, then <see cref="VoteByFamilies"/>.</summary>
    public static float[] Calls(BeatClassifier classifier, BeatDataset dataset, IReadOnlyList<int> indices, int batchSize = 256)
    {
        var probabilities = Probabilities(classifier, dataset, indices, batchSize);
        VoteByFamilies(dataset, indices, probabilities, classifier.ClassNames.Count);
        return probabilities;
    }

    /// <summary>Passes the beats of each record in time order (the dataset's order, whatever the order of
    /// <paramref name="indices"/>) through a <see cref="BeatFamilies"/> of that record, as the worker passes a bed's beats.</summary>
    /// <param name="dataset">The beats' windows and records.</param>
    /// <param name="indices">The beats scored.</param>
    /// <param name="probabilities">[indices, classes] row-major, in the AAMI class order; changed in place.</param>
    /// <param name="classes">Classes per row.</param>
    public static void VoteByFamilies(BeatDataset dataset, IReadOnlyList<int> indices, float[] probabilities, int classes)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (probabilities.Length != indices.Count * classes)
        {
            throw new ArgumentException($"Expected {indices.Count} × {classes} probabilities, got {probabilities.Length}.", nameof(probabilities));
        }

        var families = new Dictionary<string, BeatFamilies>(StringComparer.Ordinal);
        foreach (var k in Enumerable.Range(0, indices.Count).OrderBy(k => indices[k]))
        {
            var beat = indices[k];
            var record = dataset.RecordNames[beat];
            if (!families.TryGetValue(record, out var ofRecord))
            {
                families[record] = ofRecord = new BeatFamilies();
            }

            ofRecord.Vote(dataset.Signals.AsSpan(beat * BeatSpec.WindowLength, BeatSpec.WindowLength), dataset.Rhythm[(beat * BeatSpec.RhythmFeatureCount) + BeatSpec.PrematurityFeature],
                probabilities.AsSpan(k * classes, classes), (int)AamiClass.V);
        }
    }

    /// <summary>The calibrated class probabilities of <paramref name="indices"/>, [beats, classes] row-major.</summary>
    public static float[] Probabilities(BeatClassifier classifier, BeatDataset dataset, IReadOnlyList<int> indices, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(indices);
        var classes = classifier.ClassNames.Count;
        var probabilities = new float[indices.Count * classes];
        for (var start = 0; start < indices.Count; start += batchSize)
        {
            var batch = indices.Skip(start).Take(batchSize).ToArray();
            var n = batch.Length;
            classifier.Predict(n,
                BeatArrays.Gather(dataset.Signals, BeatSpec.WindowLength, batch),
                BeatArrays.Gather(dataset.Rhythm, BeatSpec.RhythmFeatureCount, batch),
                BeatArrays.Gather(dataset.Images, BeatDataset.ImageSize, batch),
                batch.Select(i => dataset.ImagePresent[i]).ToArray(),
                probabilities.AsSpan(start * classes, n * classes));
        }

        return probabilities;
    }
}
