using System.Reactive.Linq;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Pairing;

namespace AtdMonitor.Streaming.Beats;

/// <summary>The Rx operator that finds the beats of ONE bed's paired windows.</summary>
public static class BeatExtractionObservableExtensions
{
    /// <summary>
    /// Runs each window through the bed's <see cref="BedBeatTracker"/>. A window that makes the tracker throw goes to
    /// <paramref name="faulted"/> and is skipped, and the tracker starts afresh: one bad window resets its bed, never the stream.
    /// </summary>
    public static IObservable<WindowBeats> ExtractBeats(this IObservable<PairedWindow> windows, SignalQualityAlertOptions quality, Action<PairedWindow, Exception> faulted)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(quality);
        ArgumentNullException.ThrowIfNull(faulted);
        return Observable.Defer(() =>
        {
            var tracker = new BedBeatTracker(quality);
            return windows.SelectMany(window =>
            {
                try
                {
                    return [tracker.Process(window)];
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    faulted(window, ex);
                    tracker = new BedBeatTracker(quality);
                    return Array.Empty<WindowBeats>();
                }
            });
        });
    }
}
