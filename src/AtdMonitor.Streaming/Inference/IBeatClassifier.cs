using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Streaming.Inference;

/// <summary>Classifies a micro-batch of beats from any beds.</summary>
public interface IBeatClassifier
{
    /// <summary>One verdict per beat, in the order given. Beats in poor signal or below the confidence floor are labelled unclassifiable.</summary>
    IReadOnlyList<ClassifiedBeat> Classify(IReadOnlyList<BeatCandidate> beats);
}
