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
    public static ConfusionMatrix Evaluate(BeatClassifier classifier, BeatDataset dataset, IReadOnlyList<int> indices, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(indices);
        var classes = classifier.ClassNames.Count;
        var matrix = new ConfusionMatrix(classifier.ClassNames);
        var probabilities = new float[batchSize * classes];
        for (var start = 0; start < indices.Count; start += batchSize)
        {
            var batch = indices.Skip(start).Take(batchSize).ToArray();
            var n = batch.Length;
            classifier.Predict(n,
                BeatArrays.Gather(dataset.Signals, BeatSpec.WindowLength, batch),
                BeatArrays.Gather(dataset.Rhythm, BeatSpec.RhythmFeatureCount, batch),
                BeatArrays.Gather(dataset.Images, BeatDataset.ImageSize, batch),
                batch.Select(i => dataset.ImagePresent[i]).ToArray(),
                probabilities.AsSpan(0, n * classes));
            for (var i = 0; i < n; i++)
            {
                matrix.Add(dataset.Labels[batch[i]], ArgMax(probabilities.AsSpan(i * classes, classes)));
            }
        }

        return matrix;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
