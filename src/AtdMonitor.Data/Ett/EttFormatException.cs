namespace AtdMonitor.Data.Ett;

/// <summary>A CSV that is not in the ETT format: the message names the file, the line and what was expected.</summary>
public sealed class EttFormatException : FormatException
{
    public EttFormatException(string message)
        : base(message)
    {
    }

    public EttFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EttFormatException()
    {
    }
}
