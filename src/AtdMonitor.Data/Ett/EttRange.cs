namespace AtdMonitor.Data.Ett;

/// <summary>Rows [Start, End) of a table.</summary>
public readonly record struct EttRange(int Start, int End)
{
    public int Length => End - Start;
}
