namespace AtdMonitor.Data.Wfdb;

/// <summary>A WFDB file that does not follow the format: the message names the file, where, and what was expected.</summary>
public sealed class WfdbFormatException : FormatException
{
    public WfdbFormatException(string message)
        : base(message)
    {
    }

    public WfdbFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WfdbFormatException()
    {
    }
}
