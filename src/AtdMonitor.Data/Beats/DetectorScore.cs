namespace AtdMonitor.Data.Beats;

/// <summary>Beat-by-beat detection counts (ANSI/AAMI EC57): true positives, missed beats, false detections.</summary>
public readonly record struct DetectorScore(int TruePositives, int FalseNegatives, int FalsePositives)
{
    /// <summary>Sensitivity TP / (TP + FN).</summary>
    public double Sensitivity => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>Positive predictivity TP / (TP + FP).</summary>
    public double PositivePredictivity => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public static DetectorScore operator +(DetectorScore a, DetectorScore b) =>
        new(a.TruePositives + b.TruePositives, a.FalseNegatives + b.FalseNegatives, a.FalsePositives + b.FalsePositives);

    public static DetectorScore Add(DetectorScore a, DetectorScore b) => a + b;
}
