namespace AtdMonitor.Streaming.Observability;

/// <summary>Stands in for a logged exception whose text held a secret: its text (type, message, stack) with the secret masked.</summary>
public sealed class RedactedException : Exception
{
    public RedactedException(string redactedText, string originalType)
        : base(redactedText)
    {
        OriginalType = originalType;
    }

    /// <summary>The full name of the exception type this stands in for.</summary>
    public string OriginalType { get; }

    public override string ToString() => Message;
}
