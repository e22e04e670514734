namespace AtdMonitor.Data.Beats;

/// <summary>Where the offline dataset centres its beats.</summary>
public enum BeatPositions
{
    /// <summary>At the reference annotations' R positions: every annotated beat, exactly placed.</summary>
    Reference,

    /// <summary>
    /// Where the stream's R-peak detector (<see cref="StreamingRPeakDetector"/>) finds them, labelled by the reference beat
    /// each is matched to (<see cref="BeatMatching"/>, 150 ms): the beats, windows and RR series the worker sees.
    /// Detections without a reference beat feed the RR features but are not in the dataset; missed beats are in neither.
    /// </summary>
    Detected,
}
