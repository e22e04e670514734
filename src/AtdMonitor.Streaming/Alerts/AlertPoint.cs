using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Sink;
using InfluxDB.Client.Writes;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>The <c>alert</c> measurement: one point per alert event.</summary>
public static class AlertPoint
{
    public static PointData Of(AlertMessage alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return PointData.Measurement("alert")
            .Tag("bed", alert.Bed)
            .Tag("type", alert.Type)
            .Tag("state", alert.State == AlertState.Raise ? "raise" : "clear")
            .Field("message", alert.Message)
            .Field("value", alert.Value)
            .Timestamp(alert.Time, PointTime.Precision);
    }
}
