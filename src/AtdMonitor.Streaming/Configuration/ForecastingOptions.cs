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

    /// <summary>Debounced alert rules per variable name (e.g. <c>OT</c>), configured and validated like the beat alarms.</summary>
    public Dictionary<string, ForecastThresholdOptions> Thresholds { get; } = new(StringComparer.Ordinal);

    public bool Enabled => !string.IsNullOrWhiteSpace(Checkpoint);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (variable, rules) in Thresholds)
        {
            foreach (var problem in rules.Validate($"{SectionName}:Thresholds:{variable}"))
            {
                yield return new ValidationResult(problem, [nameof(Thresholds)]);
            }
        }
    }
}
