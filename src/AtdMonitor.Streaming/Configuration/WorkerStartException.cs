namespace AtdMonitor.Streaming.Configuration;

/// <summary>The worker cannot start with its configuration (a missing checkpoint, an unavailable device); the message names the key.</summary>
public sealed class WorkerStartException : Exception
{
    public WorkerStartException()
    {
    }

    public WorkerStartException(string message)
        : base(message)
    {
    }

    public WorkerStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
