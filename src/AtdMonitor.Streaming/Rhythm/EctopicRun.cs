using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>A run of consecutive beats of one ectopic class, newest first, as found by <see cref="EctopicRunFinder"/>.</summary>
/// <param name="Beats">The run's beats, newest first (the tolerated uncertain beat included).</param>
/// <param name="MeanProbability">Mean probability of the run's class over its beats (an unjudged beat counts with its probability too).</param>
/// <param name="Tolerated">Beats inside the run that were not of the class but uncertain (0 or 1).</param>
public sealed record EctopicRun(IReadOnlyList<ClassifiedBeat> Beats, double MeanProbability, int Tolerated)
{
    public int Length => Beats.Count;

    /// <summary>Rate inside the run from its RR intervals (the first beat's pre-RR is outside the run), bpm; 0 for a single beat.</summary>
    public double RateBpm
    {
        get
        {
            if (Beats.Count < 2)
            {
                return 0;
            }

            var meanRr = Beats.Take(Beats.Count - 1).Average(beat => (double)beat.RrSeconds);
            return meanRr > 0 ? 60.0 / meanRr : 0;
        }
    }
}
