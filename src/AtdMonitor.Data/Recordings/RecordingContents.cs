namespace AtdMonitor.Data.Recordings;

/// <summary>What <see cref="RecordingReader"/> found in a recording folder.</summary>
/// <param name="Stretches">Continuous stretches, per bed and session, with the truth labels of their own session.</param>
/// <param name="Sessions">Sessions found over all beds (one continuous numbering of a bed each).</param>
/// <param name="UnplacedLabels">Truth annotations left out: no window of their epoch covers them, or two sessions could claim them.</param>
/// <param name="PartialSegments">Segments still being written (<c>*.partial</c>), which are not read.</param>
public sealed record RecordingContents(IReadOnlyList<RecordedStretch> Stretches, int Sessions, int UnplacedLabels, IReadOnlyList<string> PartialSegments);
