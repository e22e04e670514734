using AtdMonitor.Streaming.Alerts;

namespace AtdMonitor.Station.Ward;

/// <summary>The priority of each alert type: life-threatening rhythms high, rate alarms medium, ectopy and technical alarms low.</summary>
public static class AlarmPriorities
{
    public static AlarmPriority For(string type) => type switch
    {
        AlertTypes.VentricularRun or AlertTypes.Pause => AlarmPriority.High,
        AlertTypes.Tachycardia or AlertTypes.Bradycardia => AlarmPriority.Medium,
        _ => AlarmPriority.Low,
    };
}
