using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Forecasting;
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
            settings["Forecasting:Thresholds:OT:High"] = "-1000000";
        });
        var forecasts = new List<ForecastPoint>();
        worker.Sink.Setup(s => s.WriteForecastsAsync(It.IsAny<IReadOnlyList<ForecastPoint>>(), It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyList<ForecastPoint>, CancellationToken>((points, _) => { lock (forecasts) { forecasts.AddRange(points); } })
            .Returns(Task.CompletedTask);

        for (var hour = 0; hour < 17; hour++)
        {
            await worker.PublishAsync(new SensorReading("ett-1", start.AddHours(hour), [new SensorValue("HUFL", 5 + hour), new SensorValue("OT", 30)]));
        }

        await worker.PublishAsync(new SensorReading("ett-1", start.AddHours(20), [new SensorValue("OT", 30)]));
        await WorkerHarness.WaitUntilAsync(() => worker.DeadLetters.Count == 1 && !worker.AlertsOnMqtt.IsEmpty, TimeSpan.FromSeconds(15));
        await worker.StopAsync();

        worker.Sink.Verify(s => s.WriteReadingAsync(It.IsAny<SensorReading>(), It.IsAny<CancellationToken>()), Times.Exactly(17));
        Assert.Equal(2 * 4 * 2, forecasts.Count);
        Assert.Equal([start.AddHours(16), start.AddHours(17)], forecasts.Where(p => p.Step == 1 && p.Variable == "OT").Select(p => p.Time).Order());
        var alert = Assert.Single(worker.AlertsOnMqtt);
        Assert.Equal(("ett-1", AlertTypes.ForecastHigh, AlertState.Raise), (alert.Bed, alert.Type, alert.State));
        Assert.Equal("reading does not match the forecaster's variables (HUFL, OT): it lacks HUFL.", Assert.Single(worker.DeadLetters).Reason);
        File.Delete(checkpoint);
    }
}
