namespace AtdMonitor.Streaming.Alerts;

/// <summary>Where an alarm command came from, as written to the <c>alarm_command</c> audit measurement.</summary>
public static class AlarmCommandSources
{
    /// <summary>The command topic <c>atd/v1/{bed}/command</c>.</summary>
    public const string Mqtt = "mqtt";

    /// <summary>The central station's web UI.</summary>
    public const string Station = "station";
}
