using AtdMonitor.Streaming.Beats;

namespace AtdMonitor.Streaming.Rhythm;

/// <summary>
/// Finds the run of consecutive beats of one class (V or S) that ends at a given beat of a bed's history. A beat belongs
/// to the run when it is judged and the class's probability reaches <see cref="BeatProbability"/>. One uncertain beat
/// inside the run is tolerated (unclassifiable, or the class's probability at least <see cref="UncertainProbability"/>)
/// when the beat before it belongs to the run again: a single doubtful beat does not cut a run in two. With
/// <see cref="MinimumQrsDifference"/> above 0, a beat whose QRS lies closer than that to the bed's dominant-beat template
/// is not of the class (shaped like the patient's usual beat: not a PVC, as a bedside monitor would judge it); it counts
/// as uncertain instead. With <see cref="SeenOnLead1Only"/>, so does a beat lead 1's QRS detector did not find.
/// </summary>
public sealed class EctopicRunFinder(string className, double beatProbability = 0.5, double uncertainProbability = 0.2, double minimumQrsDifference = 0,
    bool seenOnLead1Only = false)
{
    public string ClassName { get; } = className;

    public double BeatProbability { get; } = beatProbability;

    public double UncertainProbability { get; } = uncertainProbability;

    public double MinimumQrsDifference { get; } = minimumQrsDifference;

    public bool SeenOnLead1Only { get; } = seenOnLead1Only;

    /// <summary>True when <paramref name="beat"/> is judged and of the class, and neither its shape nor lead 1 (when asked) says otherwise.</summary>
    public bool IsMember(ClassifiedBeat beat) => beat.IsJudged && Probability(beat) >= BeatProbability && ShapeAllows(beat) && !(SeenOnLead1Only && beat.MissedOnLead1);

    /// <summary>False when the beat's QRS is known to lie closer than <see cref="MinimumQrsDifference"/> to the dominant-beat template.</summary>
    public bool ShapeAllows(ClassifiedBeat beat)
    {
        ArgumentNullException.ThrowIfNull(beat);
        return MinimumQrsDifference <= 0 || beat.QrsTemplateDifference is not { } difference || difference >= MinimumQrsDifference;
    }

    public bool IsUncertain(ClassifiedBeat beat) => !IsMember(beat) && (!beat.IsJudged || Probability(beat) >= UncertainProbability);

    public double Probability(ClassifiedBeat beat)
    {
        ArgumentNullException.ThrowIfNull(beat);
        for (var i = 0; i < beat.ClassNames.Count; i++)
        {
            if (beat.ClassNames[i] == ClassName)
            {
                return beat.Probabilities[i];
            }
        }

        return 0;
    }

    /// <summary>The run ending <paramref name="skip"/> beats before the newest (0: at the newest); empty when that beat is not of the class.</summary>
    public EctopicRun Find(BeatHistory history, int skip = 0)
    {
        ArgumentNullException.ThrowIfNull(history);
        var beats = history.Newest(history.Count).Skip(skip).ToList();
        var run = new List<ClassifiedBeat>();
        var tolerated = 0;
        for (var i = 0; i < beats.Count; i++)
        {
            if (IsMember(beats[i]))
            {
                run.Add(beats[i]);
            }
            else if (run.Count > 0 && tolerated == 0 && IsUncertain(beats[i]) && i + 1 < beats.Count && IsMember(beats[i + 1]))
            {
                run.Add(beats[i]);
                tolerated++;
            }
            else
            {
                break;
            }
        }

        return new EctopicRun(run, run.Count == 0 ? 0 : run.Average(Probability), tolerated);
    }
}
