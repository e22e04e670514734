using System.Collections.Concurrent;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Inference;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>One <see cref="BedAlertMonitor"/> per bed, created on the bed's first message.</summary>
public sealed class AlertEngine(IOptions<AlertsOptions> options)
{
    private readonly ConcurrentDictionary<string, BedAlertMonitor> _beds = new(StringComparer.Ordinal);
    private readonly AlertsOptions _options = options.Value;

    public BedAlertMonitor For(string bed) => _beds.GetOrAdd(bed, id => new BedAlertMonitor(id, _options));

    public IReadOnlyList<AlertMessage> OnBeat(ClassifiedBeat beat) => For(beat.Bed).OnBeat(beat);
}
