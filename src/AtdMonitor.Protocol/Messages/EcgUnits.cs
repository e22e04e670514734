namespace AtdMonitor.Protocol.Messages;

/// <summary>Physical unit of ECG samples on the wire.</summary>
public enum EcgUnits : byte
{
    Millivolts = 0,
    Microvolts = 1,
}
