using AtdMonitor.Data.Beats;

namespace AtdMonitor.Simulator.Scoring;

/// <summary>
/// EC57-style sensitivity and positive predictivity of one beat class (VEB: V, SVEB: S): a reference beat of the class
/// is found when a detected beat matched to it carries the class; a detected beat of the class is right when the
/// reference beat matched to it is of the class. Missed and extra detections count against Se and +P.
/// </summary>
public readonly record struct ClassDetectionScore(int TruePositives, int FalseNegatives, int FalsePositives)
{
    public double Sensitivity => TruePositives + FalseNegatives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalseNegatives);

    public double PositivePredictivity => TruePositives + FalsePositives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalsePositives);

    public static ClassDetectionScore operator +(ClassDetectionScore a, ClassDetectionScore b) =>
        new(a.TruePositives + b.TruePositives, a.FalseNegatives + b.FalseNegatives, a.FalsePositives + b.FalsePositives);

    /// <param name="reference">Reference beat classes, in order.</param>
    /// <param name="detected">Detected beat classes, in order.</param>
    /// <param name="matches">The EC57 pairs (<see cref="BeatMatching"/>).</param>
    /// <param name="className">The class scored.</param>
    public static ClassDetectionScore Of(IReadOnlyList<string> reference, IReadOnlyList<string> detected, IEnumerable<MatchedBeat> matches, string className)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(detected);
        ArgumentNullException.ThrowIfNull(matches);
        var truePositives = matches.Count(m => reference[m.Reference] == className && detected[m.Detected] == className);
        return new ClassDetectionScore(
            truePositives,
            reference.Count(c => c == className) - truePositives,
            detected.Count(c => c == className) - truePositives);
    }
}
