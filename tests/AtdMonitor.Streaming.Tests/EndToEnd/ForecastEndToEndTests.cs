using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.TestSupport;
using System.Globalization;
using AtdMonitor.Streaming.Sink;
using InfluxDB.Client.Writes;
using AtdMonitor.Streaming.Tests.Support;
using Moq;

namespace AtdMonitor.Streaming.Tests.EndToEnd;

public sealed class ForecastEndToEndTests
{
    [Fact]
    public async Task Readings_through_the_broker_are_written_forecast_and_checked_against_thresholds()
    {
        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var checkpoint = Path.Combine(Path.GetTempPath(), $"atd-forecast-{Guid.NewGuid():N}.ckpt");
        RandomCheckpoint.WriteForecast(checkpoint);
        await using var worker = await WorkerHarness.StartAsync(settings =>
        {
            settings["Forecasting:Checkpoint"] = checkpoint;
            settings["Forecasting:Thresholds:OT:High:Raise"] = "-1000000";
            settings["Forecasting:Thresholds:OT:High:Clear"] = "-1000001";
            settings["Forecasting:Thresholds:OT:High:K"] = "1";
            settings["Forecasting:Thresholds:OT:High:N"] = "1";
        });
        var written = new List<string>();
        worker.Sink.Setup(s => s.Write(It.IsAny<IReadOnlyCollection<PointData>>(), It.IsAny<WritePriority>()))
            .Callback<IReadOnlyCollection<PointData>, WritePriority>((points, _) => { lock (written) { written.AddRange(points.Select(p => p.ToLineProtocol())); } });

        for (var hour = 0; hour < 17; hour++)
        {
            await worker.PublishAsync(new SensorReading("ett-1", start.AddHours(hour), [new SensorValue("HUFL", 5 + hour), new SensorValue("OT", 30)]));
        }

        await worker.PublishAsync(new SensorReading("ett-1", start.AddHours(20), [new SensorValue("OT", 30)]));
        await WorkerHarness.WaitUntilAsync(() => worker.DeadLetters.Count == 1 && !worker.AlertsOnMqtt.IsEmpty, TimeSpan.FromSeconds(15));
        await worker.StopAsync();

        Assert.Equal(17 * 2, written.Count(line => line.StartsWith("reading,", StringComparison.Ordinal)));
        var forecasts = written.Where(line => line.StartsWith("forecast,", StringComparison.Ordinal)).ToList();
        Assert.Equal(2 * 4 * 2, forecasts.Count);
        var nextHourOt = forecasts.Where(line => line.Contains("horizon_step=1,", StringComparison.Ordinal) && line.Contains("variable=OT", StringComparison.Ordinal));
        Assert.Equal([start.AddHours(16), start.AddHours(17)], nextHourOt.Select(line => DateTimeOffset.UnixEpoch.AddTicks(long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture) / 100)).Order());
        var alert = Assert.Single(worker.AlertsOnMqtt);
        Assert.Equal(("ett-1", AlertTypes.ForecastHigh, AlertState.Raise, start.AddHours(15)), (alert.Bed, alert.Type, alert.State, alert.Time));
        Assert.Equal("reading does not match the forecaster's variables (HUFL, OT): it lacks HUFL.", Assert.Single(worker.DeadLetters).Reason);
        File.Delete(checkpoint);
    }
}
