namespace AtdMonitor.Training.Forecasting;

/// <summary>The three parts of the ETT protocol.</summary>
public enum EttSplit
{
    Train,
    Validation,
    Test,
}
