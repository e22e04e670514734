namespace AtdMonitor.Streaming.Rhythm;

/// <summary>A rule that computes one figure from a bed's recent beats after each beat.</summary>
public interface IBeatAlertRule
{
    /// <summary>The alert type, see <see cref="AtdMonitor.Protocol.Messages.AlertTypes"/>.</summary>
    string Type { get; }

    /// <summary>The figure after the newest beat, or null when there are not enough beats yet.</summary>
    double? Measure(BeatHistory history);

    /// <summary>Text of an alert event for the figure.</summary>
    string Describe(double value);
}
