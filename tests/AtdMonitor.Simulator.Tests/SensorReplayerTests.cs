using AtdMonitor.Data.Ett;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Validation;
using AtdMonitor.Simulator.Sensors;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Simulator.Tests;

public sealed class SensorReplayerTests
{
    [Fact]
    public async Task Each_reading_carries_one_ETT_row_with_its_time_and_every_variable()
    {
        var table = EttTable.Load(Path.Combine(TestData.Samples, "ett", "ETTh1.csv"));
        var publisher = new CapturingPublisher();
        var replayer = new SensorReplayer(table, publisher, new SensorReplayOptions { Sensors = 2, Readings = 3, AsFastAsPossible = true });

        await replayer.RunAsync(CancellationToken.None);

        var validator = new WireValidator();
        var readings = publisher.Messages.Select(m => validator.Validate(m.Topic, m.Payload)).Select(o => (SensorReading)o.Message!).ToList();
        Assert.Equal(6, readings.Count);
        var second = readings.Where(r => r.Sensor == "ett02").ToList();
        var row = table.RowCount / 2;
        Assert.Equal(new DateTimeOffset(DateTime.SpecifyKind(table.Times[row + 1], DateTimeKind.Utc)), second[1].Time);
        Assert.Equal(table.Columns, second[1].Values.Select(v => v.Name));
        Assert.Equal(table.Columns.Select((_, c) => table.Values[c][row + 1]), second[1].Values.Select(v => v.Value));
    }

    [Fact]
    public async Task A_15_minute_file_replays_as_readings_15_minutes_apart_with_its_own_variables()
    {
        var csv = "date,LOAD,OT\n" + string.Concat(Enumerable.Range(0, 8).Select(r => $"2020-01-01 {r / 4:D2}:{r % 4 * 15:D2}:00,{r},{30 + r}\n"));
        var table = EttTable.Parse(new StringReader(csv), "quarter-hourly.csv");
        var publisher = new CapturingPublisher();
        var replayer = new SensorReplayer(table, publisher, new SensorReplayOptions { Readings = 3, AsFastAsPossible = true });

        await replayer.RunAsync(CancellationToken.None);

        var readings = publisher.Messages.Select(m => (SensorReading)new WireValidator().Validate(m.Topic, m.Payload).Message!).ToList();
        Assert.Equal([TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15)], readings.Skip(1).Zip(readings, (later, earlier) => later.Time - earlier.Time));
        Assert.Equal(["LOAD", "OT"], readings[0].Values.Select(v => v.Name));
    }
}
