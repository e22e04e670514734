namespace AtdMonitor.Training.Runs;

/// <summary>A saved run cannot be resumed with the settings given.</summary>
public sealed class TrainingResumeException : Exception
{
    public TrainingResumeException()
    {
    }

    public TrainingResumeException(string message)
        : base(message)
    {
    }

    public TrainingResumeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
