using System.Globalization;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Alerts;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Forecasting;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Inference;
using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Writes;

namespace AtdMonitor.Streaming.Sink;

/// <summary>
/// The measurements of docs/WORKER.md as InfluxDB points. <see cref="PointData"/> escapes spaces, commas, equals signs
/// and newlines in tag values and quotes in string fields, so text cannot add tags or fields; a trailing backslash is
/// the one thing it leaves, and ids from the wire cannot carry one (the protocol's id syntax is A-Z a-z 0-9 _ -).
/// </summary>
public static class MeasurementPoints
{
    /// <summary>All points carry nanosecond times (the default precision of <c>influx write</c>).</summary>
    public const WritePrecision Precision = WritePrecision.Ns;

    public static PointData Beat(ClassifiedBeat beat)
    {
        ArgumentNullException.ThrowIfNull(beat);
        var point = PointData.Measurement("beat")
            .Tag("bed", beat.Bed)
            .Tag("class", beat.ClassName)
            .Tag("image_missing", beat.ImageMissing ? "true" : "false");
        for (var i = 0; i < beat.Probabilities.Length; i++)
        {
            point = point.Field("p_" + beat.ClassNames[i], Exact(beat.Probabilities[i]));
        }

        return point.Field("rr", Exact(beat.RrSeconds))
            .Field("confidence", Exact(beat.Confidence))
            .Field("sample", beat.RPeakSample)
            .Timestamp(beat.Time, Precision);
    }

    /// <summary>The float's shortest decimal form as a double (0.03f is written 0.03, not 0.029999999329447746).</summary>
    private static double Exact(float value) => double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>
    /// One alert event. The alarm system's fields are tags (priority, acknowledgement, operator: few values, and
    /// stores that keep numbers only, like victoria-metrics, keep tags) and boolean fields (latched, escalated).
    /// </summary>
    public static PointData Alert(AlertMessage alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var point = PointData.Measurement("alert")
            .Tag("bed", alert.Bed)
            .Tag("type", alert.Type)
            .Tag("state", SnakeCase(alert.State));
        if (alert.Priority is { } priority)
        {
            point = point.Tag("priority", SnakeCase(priority));
        }

        if (alert.Acknowledgement is { } acknowledgement)
        {
            point = point.Tag("acknowledgement", SnakeCase(acknowledgement));
        }

        if (alert.Operator is { } @operator)
        {
            point = point.Tag("operator", @operator);
        }

        point = point.Field("message", alert.Message).Field("value", alert.Value);
        if (alert.Acknowledgement is not null)
        {
            point = point.Field("latched", alert.Latched).Field("escalated", alert.Escalated);
        }

        return point.Timestamp(alert.Time, Precision);
    }

    /// <summary>
    /// The audit of one alarm command: who (tag <c>operator</c>) did what (<c>action</c>) to which alarm of which bed,
    /// from where (<c>source</c>) and what came of it (<c>outcome</c>, field <c>reason</c>), stamped when the worker
    /// handled it; <c>issued_at_ms</c> is when the operator issued it (Unix milliseconds).
    /// </summary>
    public static PointData AlarmCommand(AlarmCommandAudit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var point = PointData.Measurement("alarm_command")
            .Tag("bed", audit.Bed)
            .Tag("alarm", audit.Alarm)
            .Tag("action", SnakeCase(audit.Action))
            .Tag("operator", audit.Operator)
            .Tag("source", audit.Source)
            .Tag("outcome", SnakeCase(audit.Outcome))
            .Field("reason", audit.Reason)
            .Field("issued_at_ms", audit.IssuedAt.ToUnixTimeMilliseconds());
        if (audit.SilenceFor is { } silence)
        {
            point = point.Field("silence_seconds", silence.TotalSeconds);
        }

        return point.Timestamp(audit.Time, Precision);
    }

    private static string SnakeCase<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static PointData Forecast(ForecastPoint forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        return PointData.Measurement("forecast")
            .Tag("sensor", forecast.Sensor)
            .Tag("variable", forecast.Variable)
            .Tag("horizon_step", forecast.Step.ToString(CultureInfo.InvariantCulture))
            .Field("value", forecast.Value)
            .Timestamp(forecast.Time, Precision);
    }

    /// <summary>The raw readings a forecaster received, one point per variable.</summary>
    public static IEnumerable<PointData> Reading(SensorReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return reading.Values.Select(value => PointData.Measurement("reading")
            .Tag("sensor", reading.Sensor)
            .Tag("variable", value.Name)
            .Field("value", Exact(value.Value))
            .Timestamp(reading.Time, Precision));
    }

    public static PointData Health(HealthSnapshot health, string worker)
    {
        ArgumentNullException.ThrowIfNull(health);
        return PointData.Measurement("pipeline")
            .Tag("worker", worker)
            .Field("messages_in", health.MessagesIn)
            .Field("rejects", health.Rejects)
            .Field("dropped", health.Dropped)
            .Field("queue_depth", health.QueueDepth)
            .Field("lag_ms", health.LagMilliseconds)
            .Field("batch_size", health.LastBatchSize)
            .Field("inference_ms", health.LastInferenceMilliseconds)
            .Field("paired", health.Paired)
            .Field("unpaired", health.ImageMissing)
            .Field("orphan_images", health.OrphanImages)
            .Field("duplicates", health.Duplicates)
            .Field("late", health.Late)
            .Field("gap_windows", health.GapWindows)
            .Field("beats", health.Beats)
            .Field("batches", health.Batches)
            .Field("alerts", health.Alerts)
            .Field("deadletters_dropped", health.DeadLettersDropped)
            .Timestamp(health.Time, Precision);
    }
}
