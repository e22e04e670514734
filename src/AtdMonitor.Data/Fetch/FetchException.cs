namespace AtdMonitor.Data.Fetch;

/// <summary>A download that failed or did not match its published checksum.</summary>
public sealed class FetchException : Exception
{
    public FetchException(string message)
        : base(message)
    {
    }

    public FetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FetchException()
    {
    }
}
