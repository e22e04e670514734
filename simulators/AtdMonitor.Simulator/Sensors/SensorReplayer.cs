using System.Diagnostics;
using AtdMonitor.Data.Ett;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Simulator.Publishing;
using AtdMonitor.Simulator.Replay;

namespace AtdMonitor.Simulator.Sensors;

/// <summary>
/// Replays an ETT table as sensors on <c>atd/v1/{sensor}/reading</c>: one row per interval, every variable of the row
/// in one reading, time-stamped with the row's own time (UTC). Sensor i starts i / S of the way into the table, so
/// several sensors do not send the same rows at once.
/// </summary>
public sealed class SensorReplayer(EttTable table, IMessagePublisher publisher, SensorReplayOptions options)
{
    private readonly EttTable _table = table ?? throw new ArgumentNullException(nameof(table));
    private readonly IMessagePublisher _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
    private readonly SensorReplayOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Sensor ids are <c>ett01</c>, <c>ett02</c>, ....</summary>
    public static string SensorId(int index) => $"ett{index + 1:D2}";

    public ReplayStatistics Statistics { get; } = new();

    /// <summary>The reading sensor <paramref name="sensor"/> sends as its <paramref name="step"/>-th.</summary>
    public SensorReading CreateReading(int sensor, int step)
    {
        var row = (int)(((long)sensor * _table.RowCount / _options.Sensors + step) % _table.RowCount);
        var values = new SensorValue[_table.Columns.Length];
        for (var c = 0; c < values.Length; c++)
        {
            values[c] = new SensorValue(_table.Columns[c], _table.Values[c][row]);
        }

        return new SensorReading(SensorId(sensor), new DateTimeOffset(DateTime.SpecifyKind(_table.Times[row], DateTimeKind.Utc)), values);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _options.Validate();
        var start = Stopwatch.GetTimestamp();
        var ticksPerRow = _options.AsFastAsPossible ? 0 : _options.Interval.TotalSeconds * Stopwatch.Frequency / _options.Speed;
        for (var step = 0; step < _options.Readings; step++)
        {
            for (var s = 0; s < _options.Sensors; s++)
            {
                var due = start + (long)((step + ((double)s / _options.Sensors)) * ticksPerRow);
                var ahead = TimeSpan.FromSeconds((double)(due - Stopwatch.GetTimestamp()) / Stopwatch.Frequency);
                if (ahead >= TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(ahead, cancellationToken).ConfigureAwait(false);
                }

                var reading = CreateReading(s, step);
                var payload = WireCodec.Encode(reading);
                try
                {
                    await _publisher.PublishAsync(TopicSharding.TopicFor(reading.Sensor, TopicKind.Reading, _options.ShardCount), payload, cancellationToken).ConfigureAwait(false);
                    Statistics.CountPublished(payload.Length);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Statistics.CountFailed();
                }
            }
        }
    }
}
