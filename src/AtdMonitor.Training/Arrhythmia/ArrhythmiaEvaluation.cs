using AtdMonitor.Data.Beats;
using AtdMonitor.Model.Inference;
using AtdMonitor.Training.Metrics;

namespace AtdMonitor.Training.Arrhythmia;

/// <summary>
/// Scores beats through <see cref="BeatClassifier"/>, the same facade the streaming worker uses, so the
/// figures measure the shipped inference path (normalisation from the checkpoint included).
/// </summary>
public static class ArrhythmiaEvaluation
{
    /// <summary>Every beat's top class (the confidence floor not applied).</summary>
    public static ConfusionMatrix Evaluate(BeatClassifier classifier, BeatDataset dataset, IReadOnlyList<int> indices, int batchSize = 256) =>
        FlooredEvaluation.Of(classifier, dataset, indices, Probabilities(classifier, dataset, indices, batchSize)).TopClass;

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
