using AtdMonitor.Streaming.Sink;
using InfluxDB.Client.Writes;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>
/// The <c>alarm_command</c> measurement, the audit of one alarm command: who (tag <c>operator</c>) did what
/// (<c>action</c>) to which alarm of which bed, from where (<c>source</c>) and what came of it (<c>outcome</c>, field
/// <c>reason</c>), stamped when the worker handled it; <c>issued_at_ms</c> is when the operator issued it (Unix ms).
/// </summary>
public static class AlarmCommandPoint
{
    public static PointData Of(AlarmCommandAudit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var point = PointData.Measurement("alarm_command")
            .Tag("bed", audit.Bed)
            .Tag("alarm", audit.Alarm)
            .Tag("action", PointTime.SnakeCase(audit.Action))
            .Tag("operator", audit.Operator)
            .Tag("source", audit.Source)
            .Tag("outcome", PointTime.SnakeCase(audit.Outcome))
            .Field("reason", audit.Reason)
            .Field("issued_at_ms", audit.IssuedAt.ToUnixTimeMilliseconds());
        if (audit.SilenceFor is { } silence)
        {
            point = point.Field("silence_seconds", silence.TotalSeconds);
        }

        return point.Timestamp(audit.Time, PointTime.Precision);
    }
}
