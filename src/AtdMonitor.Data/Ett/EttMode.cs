namespace AtdMonitor.Data.Ett;

/// <summary>Which variables a forecaster sees and predicts.</summary>
public enum EttMode
{
    /// <summary>All variables in, all variables out (ETTh1: 7).</summary>
    Multivariate,

    /// <summary>The target variable (OT) alone in and out.</summary>
    Univariate,
}
