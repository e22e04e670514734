using AtdMonitor.Data.Beats;
using AtdMonitor.Streaming.Beats;
using AtdMonitor.Streaming.Inference;

namespace AtdMonitor.Streaming.Tests.Support;

/// <summary>A classifier without a model: every beat is N with probability 0.9, except that it throws for batches holding a beat of <see cref="FailFor"/>.</summary>
internal sealed class FixedClassifier : IBeatClassifier
{
    private int _batches;

    public string? FailFor { get; set; }

    public int Batches => Volatile.Read(ref _batches);

    public IReadOnlyList<ClassifiedBeat> Classify(IReadOnlyList<BeatCandidate> beats)
    {
        Interlocked.Increment(ref _batches);
        if (beats.Any(beat => beat.Bed == FailFor))
        {
            throw new InvalidOperationException("classifier failure for the test");
        }

        return beats.Select(beat => new ClassifiedBeat(beat.Bed, beat.RPeakSample, beat.Time, "N", AamiMapping.ClassNames, [0.9f, 0.025f, 0.025f, 0.025f, 0.025f], beat.Rhythm[0], !beat.ImagePresent)).ToList();
    }
}
