using AtdMonitor.Streaming.Rhythm;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>A rule that computes one figure from a bed's recent signal after each raw window (fibrillation, asystole).</summary>
public interface ISignalAlertRule
{
    /// <summary>The alert type, see <see cref="AtdMonitor.Protocol.Messages.AlertTypes"/>.</summary>
    string Type { get; }

    /// <summary>The figure after the newest window, or null when too little signal is held.</summary>
    double? Measure(SignalHistory signal);

    /// <summary>Text of an alert event for the figure.</summary>
    string Describe(double value);
}
