using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Sink;
using InfluxDB.Client.Writes;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>
/// The <c>alert</c> measurement: one point per alert event. The alarm system's fields are tags (priority,
/// acknowledgement, operator: few values, and stores that keep numbers only, like victoria-metrics, keep tags) and
/// boolean fields (latched, escalated).
/// </summary>
public static class AlertPoint
{
    public static PointData Of(AlertMessage alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var point = PointData.Measurement("alert")
            .Tag("bed", alert.Bed)
            .Tag("type", alert.Type)
            .Tag("state", PointTime.SnakeCase(alert.State));
        if (alert.Priority is { } priority)
        {
            point = point.Tag("priority", PointTime.SnakeCase(priority));
        }

        if (alert.Acknowledgement is { } acknowledgement)
        {
            point = point.Tag("acknowledgement", PointTime.SnakeCase(acknowledgement));
        }

        if (alert.Operator is { } @operator)
        {
            point = point.Tag("operator", @operator);
        }

        point = point.Field("message", alert.Message).Field("value", alert.Value);
        if (alert.WallTime is { } wall)
        {
            point = point.Field("wall_time_ms", wall.ToUnixTimeMilliseconds());
        }

        if (alert.Acknowledgement is not null)
        {
            point = point.Field("latched", alert.Latched).Field("escalated", alert.Escalated);
        }

        return point.Timestamp(alert.Time, PointTime.Precision);
    }
}
