using System.Diagnostics;
using AtdMonitor.Model.Inference;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Health;

namespace AtdMonitor.Streaming.Inference;

/// <summary>Runs one micro-batch of beats (any beds) through the model's <see cref="BeatClassifier"/> facade.</summary>
public sealed class BeatInference(BeatClassifier classifier, PipelineMetrics metrics)
{
    public IReadOnlyList<ClassifiedBeat> Classify(IList<BeatCandidate> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return [];
        }

        var n = batch.Count;
        var signalLength = classifier.SignalLength;
        var rhythmLength = classifier.RhythmFeatures;
        var imageLength = classifier.ImageRows * classifier.ImageColumns;
        var classes = classifier.ClassNames.Count;
        var signals = new float[n * signalLength];
        var rhythm = new float[n * rhythmLength];
        var images = new float[n * imageLength];
        var present = new bool[n];
        for (var i = 0; i < n; i++)
        {
            batch[i].Window.AsSpan(0, signalLength).CopyTo(signals.AsSpan(i * signalLength));
            batch[i].Rhythm.AsSpan(0, rhythmLength).CopyTo(rhythm.AsSpan(i * rhythmLength));
            batch[i].Image.AsSpan(0, imageLength).CopyTo(images.AsSpan(i * imageLength));
            present[i] = batch[i].ImagePresent;
        }

        var probabilities = new float[n * classes];
        var clock = Stopwatch.StartNew();
        classifier.Predict(n, signals, rhythm, images, present, probabilities);
        metrics.RecordBatch(n, clock.Elapsed);

        var results = new ClassifiedBeat[n];
        for (var i = 0; i < n; i++)
        {
            var p = probabilities.AsSpan(i * classes, classes).ToArray();
            var best = p.AsSpan().IndexOf(p.Max());
            var beat = batch[i];
            results[i] = new ClassifiedBeat(beat.Bed, beat.RPeakSample, beat.Time, classifier.ClassNames[best], classifier.ClassNames, p, beat.Rhythm[0], !beat.ImagePresent);
        }

        return results;
    }
}
