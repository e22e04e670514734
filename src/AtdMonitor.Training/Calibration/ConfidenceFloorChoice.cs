namespace AtdMonitor.Training.Calibration;

/// <summary>
/// Chooses the confidence floor on validation beats: the highest candidate floor t such that the beats just under it
/// (confidence in [t − 0.05, t), at least <see cref="MinimumBeats"/> of them) are wrong at least as often as they are
/// right. Beats under the floor are then unclassifiable: naming a class for them would be a coin toss or worse.
/// </summary>
public static class ConfidenceFloorChoice
{
    /// <summary>Fewer beats in a band than this say nothing about it.</summary>
    public const int MinimumBeats = 20;

    private const float Band = 0.05f;

    /// <summary>Candidate floors, 0.30 to 0.95 in steps of 0.05.</summary>
    public static IReadOnlyList<float> Candidates { get; } = [.. Enumerable.Range(6, 14).Select(k => k * 0.05f)];

    /// <summary>The chosen floor (0 when the model is right more often than not even on its least sure beats).</summary>
    /// <param name="probabilities">[beats, classes] calibrated probabilities, row-major.</param>
    /// <param name="labels">[beats] true classes.</param>
    public static float Choose(ReadOnlySpan<float> probabilities, ReadOnlySpan<int> labels)
    {
        if (labels.Length == 0 || probabilities.Length % labels.Length != 0)
        {
            throw new ArgumentException($"{probabilities.Length} probabilities do not make whole rows for {labels.Length} beats.", nameof(probabilities));
        }

        var classes = probabilities.Length / labels.Length;
        var floor = 0f;
        foreach (var candidate in Candidates)
        {
            int inBand = 0, right = 0;
            for (var i = 0; i < labels.Length; i++)
            {
                var (top, score) = ReliabilityBins.Top(probabilities.Slice(i * classes, classes));
                if (score < candidate && score >= candidate - Band)
                {
                    inBand++;
                    right += top == labels[i] ? 1 : 0;
                }
            }

            if (inBand >= MinimumBeats && right * 2 <= inBand)
            {
                floor = candidate;
            }
        }

        return floor;
    }
}
