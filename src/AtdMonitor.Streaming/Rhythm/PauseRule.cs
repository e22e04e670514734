using AtdMonitor.Protocol.Messages;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>The RR interval ending at the newest beat, seconds (above 2 s is a pause).</summary>
public sealed class PauseRule : IBeatAlertRule
{
    public string Type => AlertTypes.Pause;

    public double? Measure(BeatHistory history) => history.Latest is { RrSeconds: > 0 } beat ? beat.RrSeconds : null;

    public string Describe(double value) => $"pause: RR {value:0.00} s";
}
