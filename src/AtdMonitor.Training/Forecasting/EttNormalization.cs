using AtdMonitor.Data.Ett;
using AtdMonitor.Model.Checkpoints;

namespace AtdMonitor.Training.Forecasting;

/// <summary>The data layer's training-row z-score as the history normalisation a forecast checkpoint carries.</summary>
public static class EttNormalization
{
    /// <summary>Mean and std of <paramref name="variables"/> (in that order) from <paramref name="scaler"/>.</summary>
    public static NormalizationStats History(EttTable table, EttScaler scaler, IReadOnlyList<string> variables)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(scaler);
        ArgumentNullException.ThrowIfNull(variables);
        var columns = variables.Select(table.IndexOf).ToArray();
        return new NormalizationStats(InputNames.History, [.. columns.Select(c => scaler.Mean[c])], [.. columns.Select(c => scaler.Std[c])]);
    }
}
