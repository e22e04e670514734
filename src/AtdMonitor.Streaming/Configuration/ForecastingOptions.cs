using System.ComponentModel.DataAnnotations;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>Sensor forecasting on <c>atd/v1/{sensor}/reading</c>. Section <c>Forecasting</c>; off while <see cref="Checkpoint"/> is empty.</summary>
public sealed class ForecastingOptions : IValidatableObject
{
    public const string SectionName = "Forecasting";

    /// <summary>The forecaster checkpoint (written by <c>atd train --task forecast</c>, e.g. models/forecast-atd.ckpt); empty disables forecasting (readings are then only counted).</summary>
    public string Checkpoint { get; set; } = string.Empty;

    /// <summary>Forecast after every this many new readings of a sensor, once its look-back window is full.</summary>
    [Range(1, 10_000, ErrorMessage = "Forecasting:Every must be between 1 and 10000.")]
    public int Every { get; set; } = 1;

    /// <summary>Sensor × variable series the readings may create in the store; a new sensor beyond it is dead-lettered.
    /// Each sensor's variable set is fixed by the forecaster, or without one by its first reading.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Forecasting:MaxSeries must be between 1 and 1000000.")]
    public int MaxSeries { get; set; } = 10_000;

    /// <summary>The clock of the forecaster's training data, as an offset from UTC: each reading's calendar (hour,
    /// weekday, day, month) is read at its UTC time plus this offset, as the training file's rows were. ETTh1's rows are
    /// wall-clock times in China (+08:00), so a sensor that stamps real UTC needs 08:00:00; the simulator sends the file's
    /// own times as UTC, so its replays need 00:00:00 (the default).</summary>
    public TimeSpan CalendarUtcOffset { get; set; } = TimeSpan.Zero;

    /// <summary>Debounced alert rules per variable name (e.g. <c>OT</c>), configured and validated like the beat alarms.</summary>
    public Dictionary<string, ForecastThresholdOptions> Thresholds { get; } = new(StringComparer.Ordinal);

    public bool Enabled => !string.IsNullOrWhiteSpace(Checkpoint);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CalendarUtcOffset < TimeSpan.FromHours(-14) || CalendarUtcOffset > TimeSpan.FromHours(14))
        {
            yield return new ValidationResult($"{SectionName}:CalendarUtcOffset must be between -14:00:00 and 14:00:00 (a UTC offset).", [nameof(CalendarUtcOffset)]);
        }

        foreach (var (variable, rules) in Thresholds)
        {
            foreach (var problem in rules.Validate($"{SectionName}:Thresholds:{variable}"))
            {
                yield return new ValidationResult(problem, [nameof(Thresholds)]);
            }
        }
    }
}
