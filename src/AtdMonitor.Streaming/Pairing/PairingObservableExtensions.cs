using System.Reactive.Concurrency;
using System.Reactive.Linq;
using AtdMonitor.Streaming.Ingest;

namespace AtdMonitor.Streaming.Pairing;

/// <summary>The Rx operator that pairs ECG windows with their spectrogram images.</summary>
public static class PairingObservableExtensions
{
    /// <summary>Pairs the ECG windows and images of ONE bed by sequence number (see <see cref="SequencePairingOperator"/>).</summary>
    public static IObservable<PairedWindow> PairBySequence(this IObservable<AdmittedMessage> source, PairingSettings settings, IScheduler scheduler, PairingCounters counters)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(counters);
        return Observable.Create<PairedWindow>(observer => SequencePairingOperator.Subscribe(source, observer, settings, scheduler, counters));
    }
}
