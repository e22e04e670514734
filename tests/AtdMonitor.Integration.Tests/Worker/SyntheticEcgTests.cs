using AtdMonitor.TestSupport;

namespace AtdMonitor.Integration.Tests.Worker;

/// <summary>The synthetic signal is one the worker's beat detector reads as intended.</summary>
public sealed class SyntheticEcgTests
{
    [Theory]
    [InlineData(75)]
    [InlineData(150)]
    public void The_detector_finds_one_beat_per_heartbeat(double bpm)
    {
        var ecg = new SyntheticEcg(bpm, seconds: 60);

        var beats = ecg.ExpectedBeats(0, ecg.Windows);

        var expected = 60 * bpm / 60;
        Assert.InRange(beats.Count, expected - 3, expected + 1);
        var rr = beats.Zip(beats.Skip(1), (a, b) => (b - a) / 360.0).ToList();
        Assert.All(rr, interval => Assert.InRange(interval, 60 / bpm - 0.05, 60 / bpm + 0.05));
    }
}
