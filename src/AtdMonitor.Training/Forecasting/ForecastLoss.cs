namespace AtdMonitor.Training.Forecasting;

/// <summary>What forecast training minimises. Validation, early stopping and every reported figure use MSE either way.</summary>
public enum ForecastLoss
{
    /// <summary>Mean squared error on the z-scores, the metric itself.</summary>
    Mse,

    /// <summary>Mean absolute error on the z-scores: less pulled by the few large errors of level shifts; on ETTh1 it
    /// gives the lower validation MSE (docs/RESULTS-HISTORY.md §2.1).</summary>
    Mae,
}
