namespace AtdMonitor.Data.Beats;

/// <summary>
/// A patient's beat families, as a bedside monitor keeps them: beats whose QRS shapes correlate at least
/// <see cref="MinimumCorrelation"/> are one family, and a family is one kind of beat. Each beat's ventricular
/// probability is moved towards the mean the model gave the family's earlier beats, once the family has
/// <see cref="MinimumMembers"/> of them: (1 − <see cref="FamilyWeight"/>) × its own + <see cref="FamilyWeight"/> × the
/// family's. The other classes keep their proportions in what is left, so N against S (a matter of timing; S beats
/// share the normal beats' shape) is not touched. A beat whose pre-RR is under the patient's median RR (about half the
/// beats of a regular rhythm, and every premature one) is never made less ventricular: a run of fast beats is how
/// ventricular tachycardia looks, and a family of mostly normal beats must not talk it out of it. So the families
/// demote only beats that come on time or late, and promote any. Fed the beats of one record or bed in order, causally, by
/// the stream per bed and by the offline evaluation per record alike.
/// </summary>
/// <remarks>Why: the model judges each beat alone, and a new patient's usual beat can look ventricular to it (a bundle
/// branch block) or a patient's PVCs can look half normal; the family's earlier calls overrule a single doubtful one.
/// The settings were chosen on DS1 out-of-fold probabilities (docs/RESULTS.md, 1.1m). A beat whose probability is not
/// finite is left alone and joins no family, so one bad row cannot spoil a family for good. Once 32 families exist a
/// beat like none of them is left as the model called it: the vote stops for new shapes, it never guesses.</remarks>
public sealed class BeatFamilies
{
    /// <summary>Correlation of QRS shapes (mean removed) that makes a beat a member of a family.</summary>
    public const double MinimumCorrelation = 0.9;

    /// <summary>Earlier members a family needs before it votes.</summary>
    public const int MinimumMembers = 20;

    /// <summary>Weight of the family's mean ventricular probability.</summary>
    public const double FamilyWeight = 0.6;

    /// <summary>Pre-RR over the patient's median RR below which a beat is never made less ventricular.</summary>
    public const double PrematureBelow = 1.0;

    /// <summary>Families kept per patient; a beat like none of them, once there are this many, is left as it is.</summary>
    public const int MaximumFamilies = 32;

    private readonly List<Family> _families = [];
    private readonly double[] _shape = new double[BeatSpec.QrsLength];

    /// <summary>The settings, as text (cross-validation runs record them).</summary>
    public static string Describe => $"families correlation={MinimumCorrelation} members={MinimumMembers} weight={FamilyWeight} not-lower-below-median-rr={PrematureBelow}";

    /// <summary>Families so far.</summary>
    public int Count => _families.Count;

    /// <summary>Moves <paramref name="probabilities"/>' ventricular share towards the beat's family's (once it has
    /// <see cref="MinimumMembers"/> earlier members), then adds the beat to its family, or starts one.</summary>
    /// <param name="window">The beat's normalised window (<see cref="BeatSpec.WindowLength"/> samples).</param>
    /// <param name="prematurity">The beat's pre-RR over the patient's median RR (rhythm feature <see cref="BeatSpec.PrematurityFeature"/>).</param>
    /// <param name="probabilities">The model's class probabilities, changed in place.</param>
    /// <param name="ventricular">Index of V in <paramref name="probabilities"/>.</param>
    public void Vote(ReadOnlySpan<float> window, float prematurity, Span<float> probabilities, int ventricular)
    {
        if (window.Length != BeatSpec.WindowLength)
        {
            throw new ArgumentException($"Expected a window of {BeatSpec.WindowLength} samples, got {window.Length}.", nameof(window));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(ventricular);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ventricular, probabilities.Length);
        if (!Shape(window.Slice(BeatSpec.QrsStart, BeatSpec.QrsLength)))
        {
            return;
        }

        var own = probabilities[ventricular];
        if (!float.IsFinite(own))
        {
            return;
        }

        var family = Closest(out var correlation);
        if (family is null || correlation < MinimumCorrelation)
        {
            if (_families.Count < MaximumFamilies)
            {
                _families.Add(new Family((double[])_shape.Clone(), own));
            }

            return;
        }

        if (family.Members >= MinimumMembers)
        {
            var voted = ((1 - FamilyWeight) * own) + (FamilyWeight * family.VentricularSum / family.Members);
            // Lower only a beat that comes on time or late; a prematurity that is not a number counts as early.
            var mayLower = prematurity >= PrematureBelow;
            if (voted >= own || mayLower)
            {
                Reweigh(probabilities, ventricular, voted);
            }
        }

        family.Add(_shape, own);
    }

    /// <summary>Sets the ventricular probability to <paramref name="ventricularShare"/>, the others keeping their proportions in the rest.</summary>
    private static void Reweigh(Span<float> probabilities, int ventricular, double ventricularShare)
    {
        double others = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            others += i == ventricular ? 0 : probabilities[i];
        }

        for (var i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] = i == ventricular ? (float)ventricularShare
                : others > 0 ? (float)(probabilities[i] / others * (1 - ventricularShare))
                : (float)((1 - ventricularShare) / (probabilities.Length - 1));
        }
    }

    /// <summary>The QRS stretch with its mean removed, at unit length, into the scratch shape; false for a flat one.</summary>
    private bool Shape(ReadOnlySpan<float> qrs)
    {
        double mean = 0;
        foreach (var x in qrs)
        {
            mean += x;
        }

        mean /= qrs.Length;
        double norm = 0;
        for (var i = 0; i < qrs.Length; i++)
        {
            _shape[i] = qrs[i] - mean;
            norm += _shape[i] * _shape[i];
        }

        if (!(norm > 0) || !double.IsFinite(norm))
        {
            return false;
        }

        norm = Math.Sqrt(norm);
        for (var i = 0; i < _shape.Length; i++)
        {
            _shape[i] /= norm;
        }

        return true;
    }

    private Family? Closest(out double correlation)
    {
        Family? best = null;
        correlation = double.NegativeInfinity;
        foreach (var family in _families)
        {
            var c = family.Correlation(_shape);
            if (c > correlation)
            {
                correlation = c;
                best = family;
            }
        }

        return best;
    }

    /// <summary>One family: the sum of its members' unit shapes (its direction is their mean shape), how many, and the
    /// sum of the model's own ventricular probabilities for them.</summary>
    private sealed class Family(double[] shape, double ventricular)
    {
        private readonly double[] _sum = shape;

        public int Members { get; private set; } = 1;

        public double VentricularSum { get; private set; } = ventricular;

        public double Correlation(double[] shape)
        {
            double dot = 0, norm = 0;
            for (var i = 0; i < _sum.Length; i++)
            {
                dot += _sum[i] * shape[i];
                norm += _sum[i] * _sum[i];
            }

            return norm > 0 ? dot / Math.Sqrt(norm) : 0;
        }

        public void Add(double[] shape, double ventricular)
        {
            for (var i = 0; i < _sum.Length; i++)
            {
                _sum[i] += shape[i];
            }

            Members++;
            VentricularSum += ventricular;
        }
    }
}
