namespace AtdMonitor.Streaming.Rhythm;

/// <summary>A rule that computes one figure from a bed's recent beats after each beat.</summary>
public interface IBeatAlertRule
{
    /// <summary>The alert type, see <see cref="AtdMonitor.Protocol.Messages.AlertTypes"/>.</summary>
    string Type { get; }

    /// <summary>The figure after the newest beat, or null when there are not enough beats yet.</summary>
    double? Measure(BeatHistory history);

    /// <summary>The time the figure after the newest beat describes, which its alarm's onset and end are dated to; null: the
    /// newest beat's. A figure that judges a window of beats as a whole describes the window's middle.</summary>
    DateTimeOffset? DescribedTime(BeatHistory history) => null;

    /// <summary>Text of an alert event for the figure.</summary>
    string Describe(double value);
}
