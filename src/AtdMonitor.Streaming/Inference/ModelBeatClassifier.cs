using System.Buffers;
using System.Diagnostics;
using AtdMonitor.Data.Beats;
using AtdMonitor.Model.Inference;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Health;

namespace AtdMonitor.Streaming.Inference;

/// <summary>
/// The <see cref="IBeatClassifier"/> of the worker: the ATD checkpoint behind the model's <see cref="BeatClassifier"/>
/// facade. A beat is labelled unclassifiable (<see cref="ClassifiedBeat.UnclassifiableClass"/>) when it was found in a
/// poor window, whatever the model says (the model was never shown such signal, and a confident "N" there would be a
/// silent miss), or when its top calibrated probability is below the checkpoint's confidence floor. Before that, each
/// beat's probabilities go through its bed's <see cref="BeatFamilies"/>, in the order the bed's beats come, as
/// <c>atd eval</c> passes a record's.
/// </summary>
public sealed class ModelBeatClassifier(BeatClassifier model, BedBeatFamilies families, PipelineMetrics metrics) : IBeatClassifier
{
    private readonly int _ventricular = model.ClassNames.ToList().IndexOf(nameof(AamiClass.V)) is var v and >= 0
        ? v : throw new InvalidDataException($"The checkpoint's classes ({string.Join(", ", model.ClassNames)}) have no V: the beat families vote on V.");

    public IReadOnlyList<ClassifiedBeat> Classify(IReadOnlyList<BeatCandidate> beats)
    {
        ArgumentNullException.ThrowIfNull(beats);
        if (beats.Count == 0)
        {
            return [];
        }

        var n = beats.Count;
        var signalLength = model.SignalLength;
        var rhythmLength = model.RhythmFeatures;
        var imageLength = model.ImageRows * model.ImageColumns;
        var classes = model.ClassNames.Count;
        var probabilities = new float[n * classes];
        // Rented: one batch of images alone passes the 85-kB large-object threshold, and the inference thread fills one every few milliseconds.
        var signals = ArrayPool<float>.Shared.Rent(n * signalLength);
        var rhythm = ArrayPool<float>.Shared.Rent(n * rhythmLength);
        var images = ArrayPool<float>.Shared.Rent(n * imageLength);
        var present = ArrayPool<bool>.Shared.Rent(n);
        try
        {
            for (var i = 0; i < n; i++)
            {
                beats[i].Window.AsSpan(0, signalLength).CopyTo(signals.AsSpan(i * signalLength));
                beats[i].Rhythm.AsSpan(0, rhythmLength).CopyTo(rhythm.AsSpan(i * rhythmLength));
                beats[i].Image.AsSpan(0, imageLength).CopyTo(images.AsSpan(i * imageLength));
                present[i] = beats[i].ImagePresent;
            }

            var clock = Stopwatch.StartNew();
            model.Predict(n, signals.AsSpan(0, n * signalLength), rhythm.AsSpan(0, n * rhythmLength), images.AsSpan(0, n * imageLength), present.AsSpan(0, n),
                probabilities);
            metrics.RecordBatch(n, clock.Elapsed);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(signals);
            ArrayPool<float>.Shared.Return(rhythm);
            ArrayPool<float>.Shared.Return(images);
            ArrayPool<bool>.Shared.Return(present);
        }

        var results = new ClassifiedBeat[n];
        for (var i = 0; i < n; i++)
        {
            var beat = beats[i];
            families.For(beat.Bed).Vote(beat.Window, beat.Rhythm[BeatSpec.PrematurityFeature], probabilities.AsSpan(i * classes, classes), _ventricular);

            var p = probabilities.AsSpan(i * classes, classes).ToArray();
            var reason = beat.SignalPoor ? UnclassifiableReason.PoorSignal
                : p.Max() < model.ConfidenceFloor ? UnclassifiableReason.LowConfidence
                : UnclassifiableReason.None;
            var label = reason == UnclassifiableReason.None ? model.ClassNames[p.AsSpan().IndexOf(p.Max())] : ClassifiedBeat.UnclassifiableClass;
            results[i] = new ClassifiedBeat(beat.Bed, beat.RPeakSample, beat.Time, label, model.ClassNames, p, beat.Rhythm[0], !beat.ImagePresent, reason,
                beat.Rhythm[BeatSpec.QrsDifferenceFeature], beat.MissedOnLead1);
        }

        return results;
    }
}
