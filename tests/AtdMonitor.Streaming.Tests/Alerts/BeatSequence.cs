using AtdMonitor.Data.Beats;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Configuration;

namespace AtdMonitor.Streaming.Tests.Alerts;

/// <summary>Feeds a bed's alert monitor with beats of given classes and RR intervals on a running clock.</summary>
internal sealed class BeatSequence(BedAlertMonitor monitor, SignalQualityAlertOptions quality)
{
    private DateTimeOffset _time = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private long _sample;

    public List<(string Type, AtdMonitor.Protocol.Messages.AlertState State, double Value)> Events { get; } = [];

    public BeatSequence Beats(int count, string className = "N", double rrSeconds = 0.8)
    {
        for (var i = 0; i < count; i++)
        {
            _time += TimeSpan.FromSeconds(rrSeconds);
            _sample += (long)(rrSeconds * 360);
            var probabilities = AamiMapping.ClassNames.Select(name => name == className ? 0.9f : 0.025f).ToArray();
            var beat = new ClassifiedBeat("bed-1", _sample, _time, className, AamiMapping.ClassNames, probabilities, (float)rrSeconds, ImageMissing: false);
            Events.AddRange(monitor.OnBeat(beat).Select(a => (a.Type, a.State, a.Value)));
        }

        return this;
    }

    public BeatSequence Window(Func<int, float> lead0)
    {
        _time += TimeSpan.FromSeconds(1);
        var samples = Enumerable.Range(0, 360).Select(lead0).ToArray();
        var window = new MonitoredWindow("bed", 0, 0, _time, 360, samples, false, false, SignalQualityAssessor.Assess(samples, quality));
        foreach (var alert in monitor.OnWindow(window))
        {
            Events.Add((alert.Type, alert.State, alert.Value));
        }

        return this;
    }
}
