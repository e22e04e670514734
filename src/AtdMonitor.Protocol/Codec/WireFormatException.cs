namespace AtdMonitor.Protocol.Codec;

/// <summary>A payload that does not follow the binary layout; the message says which field at which offset.</summary>
public sealed class WireFormatException : Exception
{
    public WireFormatException()
    {
    }

    public WireFormatException(string message)
        : base(message)
    {
    }

    public WireFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
