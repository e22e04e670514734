namespace AtdMonitor.Simulator.Faults;

/// <summary>What happens to one outgoing message.</summary>
public enum FaultKind
{
    None,
    Drop,
    Duplicate,
    Reorder,
    Corrupt,
    DelayImage,
}
