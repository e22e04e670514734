namespace AtdMonitor.Data.Beats;

/// <summary>
/// Pairs detected beats with reference beats as EC57 does: reference beats in order, each takes the nearest detection
/// not yet taken within the match window (150 ms). The one matcher of the project: <see cref="DetectorScoring"/> scores
/// the R-peak detector with it, and <c>atd score stream</c> the worker's beats.
/// </summary>
public static class BeatMatching
{
    /// <summary>The EC57 match window, in seconds.</summary>
    public const double WindowSeconds = 0.150;

    /// <param name="reference">Reference beat samples, ascending.</param>
    /// <param name="detected">Detected beat samples, ascending.</param>
    /// <param name="sampleRate">Samples per second.</param>
    public static IReadOnlyList<MatchedBeat> Match(IReadOnlyList<long> reference, IReadOnlyList<long> detected, double sampleRate)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(detected);
        var window = (long)Math.Round(WindowSeconds * sampleRate);
        var taken = new bool[detected.Count];
        var pairs = new List<MatchedBeat>();
        var next = 0;
        for (var i = 0; i < reference.Count; i++)
        {
            var r = reference[i];
            while (next < detected.Count && detected[next] < r - window)
            {
                next++;
            }

            var best = -1;
            for (var j = next; j < detected.Count && detected[j] <= r + window; j++)
            {
                if (!taken[j] && (best < 0 || Math.Abs(detected[j] - r) < Math.Abs(detected[best] - r)))
                {
                    best = j;
                }
            }

            if (best >= 0)
            {
                taken[best] = true;
                pairs.Add(new MatchedBeat(i, best));
            }
        }

        return pairs;
    }
}
