using AtdMonitor.Data.Ett;
using AtdMonitor.Model.Inference;
using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Forecasting;

/// <summary>
/// The rolling look-back window of one sensor. Once full, every <c>every</c>-th new reading issues a forecast of the
/// next Horizon steps; the step is the spacing of the last two readings, and the calendar features of the future steps
/// follow from it. When the checkpoint records its training data, readings must be spaced by that data's interval: a
/// reading at another spacing is refused with both spacings named, and the window restarts from it. The calendar of
/// each step is read on the training data's clock: UTC plus <paramref name="calendarUtcOffset"/>.
/// </summary>
public sealed class SensorForecastTracker(string sensor, SeriesForecaster forecaster, int every, TimeSpan calendarUtcOffset)
{
    private readonly LinkedList<(DateTimeOffset Time, float[] Values)> _window = new();
    private int _sinceForecast;

    /// <summary>Adds a reading that carries the forecaster's variables, in any order (<see cref="SensorVariableSets"/>
    /// admitted it). Returns a reason when it cannot be used, else null; <paramref name="forecast"/> is set when a forecast
    /// was issued.</summary>
    /// <exception cref="ArgumentException">The reading lacks one of the forecaster's variables: it was not admitted.</exception>
    public string? Add(SensorReading reading, out IReadOnlyList<ForecastPoint> forecast)
    {
        ArgumentNullException.ThrowIfNull(reading);
        forecast = [];
        var variables = forecaster.Variables;
        var values = new float[variables.Count];
        for (var v = 0; v < variables.Count; v++)
        {
            var index = IndexOf(reading.Values, variables[v]);
            values[v] = index >= 0 ? reading.Values[index].Value
                : throw new ArgumentException($"The reading lacks '{variables[v]}': admit readings with SensorVariableSets first.", nameof(reading));
        }

        if (_window.Last is { } last && reading.Time == last.Value.Time)
        {
            return $"reading at {reading.Time:O} repeats the previous one's time.";
        }

        if (_window.Last is { } later && reading.Time < later.Value.Time)
        {
            // The sensor's clock went back, or the previous reading's time was wrong (a glitch a year ahead): refusing every
            // reading until the clock passes it again would blind the sensor, so the window starts again here.
            var previousTime = later.Value.Time;
            Restart(reading.Time, values);
            return $"reading at {reading.Time:O} is before the previous one ({previousTime:O}); the sensor's window restarts from this reading.";
        }

        if (_window.Last is { } previous && forecaster.TrainingData is { } data && reading.Time - previous.Value.Time != data.Interval)
        {
            var spacing = reading.Time - previous.Value.Time;
            Restart(reading.Time, values);
            return $"reading spacing {spacing} differs from the forecaster's {data.Interval} (trained on {data.File}); the sensor's window restarts from this reading.";
        }

        _window.AddLast((reading.Time, values));
        if (_window.Count > forecaster.LookBack)
        {
            _window.RemoveFirst();
        }

        if (_window.Count < forecaster.LookBack || ++_sinceForecast < every)
        {
            return null;
        }

        _sinceForecast = 0;
        var points = Forecast();
        if (points.Any(point => !double.IsFinite(point.Value)))
        {
            // No threshold can judge it and no store or alert can carry it; the reading itself is kept.
            return $"the forecast of {sensor} is not a finite number (readings beyond what the forecaster can take): no forecast issued.";
        }

        forecast = points;
        return null;
    }

    private void Restart(DateTimeOffset time, float[] values)
    {
        _window.Clear();
        _window.AddLast((time, values));
        _sinceForecast = 0;
    }

    private List<ForecastPoint> Forecast()
    {
        var lookBack = forecaster.LookBack;
        var horizon = forecaster.Horizon;
        var variables = forecaster.Variables;
        var history = new float[lookBack * variables.Count];
        var calendar = new int[(lookBack + horizon) * CalendarFeatures.Fields];
        var t = 0;
        foreach (var (time, values) in _window)
        {
            values.CopyTo(history.AsSpan(t * variables.Count));
            CalendarFeatures.Encode(OnTrainingClock(time), calendar.AsSpan(t * CalendarFeatures.Fields, CalendarFeatures.Fields));
            t++;
        }

        var lastTime = _window.Last!.Value.Time;
        var step = lastTime - _window.Last.Previous!.Value.Time;
        for (var h = 1; h <= horizon; h++)
        {
            CalendarFeatures.Encode(OnTrainingClock(lastTime + (step * h)), calendar.AsSpan((lookBack + h - 1) * CalendarFeatures.Fields, CalendarFeatures.Fields));
        }

        var output = new float[horizon * variables.Count];
        forecaster.Forecast(1, history, calendar, output);
        var points = new List<ForecastPoint>(output.Length);
        for (var h = 0; h < horizon; h++)
        {
            for (var v = 0; v < variables.Count; v++)
            {
                points.Add(new ForecastPoint(sensor, variables[v], lastTime + (step * (h + 1)), h + 1, output[(h * variables.Count) + v]));
            }
        }

        return points;
    }

    private static int IndexOf(IReadOnlyList<SensorValue> values, string name)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private DateTime OnTrainingClock(DateTimeOffset time) => time.UtcDateTime + calendarUtcOffset;
}
