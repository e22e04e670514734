namespace AtdMonitor.Model.Configuration;

/// <summary>Which forecaster <see cref="Tasks.ForecastModel"/> builds.</summary>
public enum ForecastArchitecture
{
    /// <summary>The ATD family: RevIN, patch tokens of the history and the calendar, the variant's encoders and fusion,
    /// a head over the fused tokens, plus the channel-independent linear forecast from the history.</summary>
    Fused,

    /// <summary>DLinear (Zeng et al. 2023), the reference row: the history split into a moving-average trend and a
    /// remainder, one linear map over time for each, shared by all variables; no RevIN, no encoders, no calendar.</summary>
    DLinear,

    /// <summary>RLinear (Li et al. 2023), the second reference row: RevIN and the ATD family's linear path alone, one
    /// linear map over time shared by all variables; no encoders, no calendar.</summary>
    RLinear,
}
