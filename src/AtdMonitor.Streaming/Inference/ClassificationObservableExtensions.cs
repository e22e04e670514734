using System.Reactive.Concurrency;
using System.Reactive.Linq;
using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Streaming.Inference;

/// <summary>The Rx operator that classifies the beats of all beds in micro-batches on one inference thread.</summary>
public static class ClassificationObservableExtensions
{
    /// <summary>
    /// Gathers windows across beds (Buffer by time and count on <paramref name="timer"/>), classifies each batch's beats in
    /// one call on <paramref name="inferenceThread"/>, and emits the windows with their verdicts in the order received.
    /// The <paramref name="backlog"/> counts beats between the buffer and the verdict. A batch the classifier throws on
    /// goes to <paramref name="failed"/>; its windows still come out, without beats, so their bed keeps being monitored.
    /// </summary>
    public static IObservable<ClassifiedWindow> ClassifyInBatches(
        this IObservable<WindowBeats> source,
        IBeatClassifier classifier,
        BatchingSettings batching,
        IScheduler timer,
        IScheduler inferenceThread,
        InferenceBacklog backlog,
        Action<int, Exception> failed)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(batching);
        ArgumentNullException.ThrowIfNull(backlog);
        ArgumentNullException.ThrowIfNull(failed);
        return source
            .Buffer(batching.Window, batching.Size, timer)
            .Where(batch => batch.Count > 0)
            .Do(batch => backlog.Add(batch.Sum(window => window.Beats.Count)))
            .ObserveOn(inferenceThread)
            .SelectMany(batch => Classify(batch, classifier, backlog, failed));
    }

    private static ClassifiedWindow[] Classify(IList<WindowBeats> batch, IBeatClassifier classifier, InferenceBacklog backlog, Action<int, Exception> failed)
    {
        var beats = batch.SelectMany(window => window.Beats).ToList();
        IReadOnlyList<ClassifiedBeat> verdicts;
        try
        {
            verdicts = classifier.Classify(beats);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failed(beats.Count, ex);
            verdicts = [];
        }
        finally
        {
            backlog.Remove(beats.Count);
        }

        var next = 0;
        var windows = new ClassifiedWindow[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var own = new ClassifiedBeat[verdicts.Count == 0 ? 0 : batch[i].Beats.Count];
            for (var j = 0; j < own.Length; j++)
            {
                own[j] = verdicts[next++];
            }

            windows[i] = new ClassifiedWindow(batch[i].Window, own, batch[i].Receipts);
        }

        return windows;
    }
}
