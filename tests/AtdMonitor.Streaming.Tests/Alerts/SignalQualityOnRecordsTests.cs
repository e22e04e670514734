using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Tests.EndToEnd;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Streaming.Tests.Alerts;

public sealed class SignalQualityOnRecordsTests
{
    [Theory]
    [InlineData("100")]
    [InlineData("119")]
    [InlineData("208")]
    [InlineData("233")]
    public void The_default_thresholds_judge_nearly_every_window_of_a_bundled_record_good(string name)
    {
        var record = new MitBihWindows(Path.Combine(TestData.Samples, "mitdb"), name, "bed-" + name, Support.Messages.Start);
        var options = new SignalQualityAlertOptions();
        var windows = Math.Min(120, record.Record.Length / 360);

        var poor = Enumerable.Range(0, windows)
            .Select(s => SignalQualityAssessor.Assess(record.Ecg(s).Lead(0), options))
            .Where(verdict => verdict.IsPoor)
            .ToList();

        Assert.True(poor.Count <= windows / 20, $"{poor.Count} of {windows} windows poor: {string.Join(", ", poor.Select(p => $"{p.Problem} (noise {p.NoiseIndex:0.000}, p2p {p.PeakToPeakMillivolts:0.00})"))}");
    }
}
