using AtdMonitor.Data.Wfdb;

namespace AtdMonitor.Data.Beats;

/// <summary>Scores detections against reference beats as EC57 does (<see cref="BeatMatching"/>: one to one, within 150 ms); only beat
/// annotations are references, and detections inside ventricular flutter/fibrillation episodes ('[' to ']') are not
/// counted as false.</summary>
public static class DetectorScoring
{
    /// <summary>Annotation code of the start of ventricular flutter/fibrillation ('[').</summary>
    public const int FlutterStartCode = 32;

    /// <summary>Annotation code of the end of ventricular flutter/fibrillation (']').</summary>
    public const int FlutterEndCode = 33;

    /// <summary>Scores detections against a record's reference annotations.</summary>
    public static DetectorScore Score(IReadOnlyList<WfdbAnnotation> annotations, IReadOnlyList<long> detected, double sampleRate, long fromSample = 0)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        var beats = annotations.Where(a => a.IsBeat).Select(a => a.Sample).ToList();
        var excluded = new List<(long Start, long End)>();
        long? open = null;
        foreach (var a in annotations)
        {
            if (a.Code == FlutterStartCode)
            {
                open ??= a.Sample;
            }
            else if (a.Code == FlutterEndCode && open is { } start)
            {
                excluded.Add((start, a.Sample));
                open = null;
            }
        }

        if (open is { } unclosed)
        {
            excluded.Add((unclosed, long.MaxValue));
        }

        return Score(beats, detected, sampleRate, fromSample, excluded);
    }

    /// <summary>Scores <paramref name="detected"/> against <paramref name="reference"/> (both sorted sample indices);
    /// only beats and detections at or after <paramref name="fromSample"/> count, and detections inside an
    /// <paramref name="excluded"/> interval are never false positives.</summary>
    public static DetectorScore Score(
        IReadOnlyList<long> reference, IReadOnlyList<long> detected, double sampleRate, long fromSample = 0, IReadOnlyList<(long Start, long End)>? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(detected);
        var matched = new bool[detected.Count];
        var found = new bool[reference.Count];
        foreach (var pair in BeatMatching.Match(reference, detected, sampleRate))
        {
            matched[pair.Detected] = true;
            found[pair.Reference] = true;
        }

        // Beats before fromSample still take their detection (so it is not a false positive), but are not counted.
        int truePositives = 0, falseNegatives = 0;
        for (var i = 0; i < reference.Count; i++)
        {
            if (reference[i] < fromSample)
            {
                continue;
            }

            if (found[i])
            {
                truePositives++;
            }
            else
            {
                falseNegatives++;
            }
        }

        var falsePositives = 0;
        for (var j = 0; j < detected.Count; j++)
        {
            if (!matched[j] && detected[j] >= fromSample && !(excluded?.Any(e => detected[j] >= e.Start && detected[j] <= e.End) ?? false))
            {
                falsePositives++;
            }
        }

        return new DetectorScore(truePositives, falseNegatives, falsePositives);
    }
}
