using System.Reactive.Concurrency;
using System.Reactive.Linq;
using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Pairing;

/// <summary>Rx operators that pair ECG windows with their spectrogram images.</summary>
public static class PairingObservableExtensions
{
    /// <summary>Pairs the ECG windows and images of ONE bed by sequence number (see <see cref="SequencePairingOperator"/>).</summary>
    public static IObservable<PairedWindow> PairBySequence(this IObservable<WireMessage> source, PairingSettings settings, IScheduler scheduler, PairingCounters counters)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(counters);
        return Observable.Create<PairedWindow>(observer => SequencePairingOperator.Subscribe(source, observer, settings, scheduler, counters));
    }

    /// <summary>Splits a mixed stream by bed and pairs each bed on its own.</summary>
    public static IObservable<PairedWindow> PairPerBed(this IObservable<WireMessage> source, PairingSettings settings, IScheduler scheduler, PairingCounters counters) =>
        source.GroupBy(message => message.Id, StringComparer.Ordinal)
              .SelectMany(bed => bed.PairBySequence(settings, scheduler, counters));
}
