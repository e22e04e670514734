namespace AtdMonitor.Simulator.Scoring;

/// <summary>
/// EC57-style run detection for one run length category (couplets: 2 beats, short runs: 3 to 5, long runs: 6 or more
/// consecutive ventricular beats): a reference run is detected when a detected run of the same category overlaps it
/// (within the beat match window), and a detected run is true when it overlaps a reference run of the category.
/// </summary>
public readonly record struct RunDetectionScore(int ReferenceRuns, int DetectedReferenceRuns, int DetectedRuns, int TrueDetectedRuns)
{
    /// <summary>The categories: name, shortest and longest run (inclusive).</summary>
    public static readonly IReadOnlyList<(string Name, int Shortest, int Longest)> Categories =
        [("couplet", 2, 2), ("short run (3-5)", 3, 5), ("long run (6+)", 6, int.MaxValue)];

    public double Sensitivity => ReferenceRuns == 0 ? double.NaN : (double)DetectedReferenceRuns / ReferenceRuns;

    public double PositivePredictivity => DetectedRuns == 0 ? double.NaN : (double)TrueDetectedRuns / DetectedRuns;

    public static RunDetectionScore operator +(RunDetectionScore a, RunDetectionScore b) =>
        new(a.ReferenceRuns + b.ReferenceRuns, a.DetectedReferenceRuns + b.DetectedReferenceRuns, a.DetectedRuns + b.DetectedRuns, a.TrueDetectedRuns + b.TrueDetectedRuns);

    /// <summary>Scores one category on one record.</summary>
    /// <param name="reference">Reference beats (sample, class), in order.</param>
    /// <param name="detected">Detected beats (sample, class), in order.</param>
    /// <param name="className">The class whose runs are counted ("V").</param>
    /// <param name="shortest">Shortest run of the category.</param>
    /// <param name="longest">Longest run of the category.</param>
    /// <param name="window">Samples of slack at each end (the beat match window).</param>
    public static RunDetectionScore Of(IReadOnlyList<(long Sample, string Class)> reference, IReadOnlyList<(long Sample, string Class)> detected, string className, int shortest, int longest, long window)
    {
        var referenceRuns = Runs(reference, className, shortest, longest);
        var detectedRuns = Runs(detected, className, shortest, longest);
        return new RunDetectionScore(
            referenceRuns.Count,
            referenceRuns.Count(r => detectedRuns.Any(d => r.Overlaps(d, window, window))),
            detectedRuns.Count,
            detectedRuns.Count(d => referenceRuns.Any(r => d.Overlaps(r, window, window))));
    }

    /// <summary>Maximal runs of consecutive <paramref name="className"/> beats whose length is in the range.</summary>
    public static List<Episode> Runs(IReadOnlyList<(long Sample, string Class)> beats, string className, int shortest, int longest)
    {
        ArgumentNullException.ThrowIfNull(beats);
        var runs = new List<Episode>();
        var start = -1;
        for (var i = 0; i <= beats.Count; i++)
        {
            var member = i < beats.Count && beats[i].Class == className;
            if (member && start < 0)
            {
                start = i;
            }
            else if (!member && start >= 0)
            {
                if (i - start >= shortest && i - start <= longest)
                {
                    runs.Add(new Episode(beats[start].Sample, beats[i - 1].Sample));
                }

                start = -1;
            }
        }

        return runs;
    }
}
