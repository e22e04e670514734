using AtdMonitor.Model.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Heads;

/// <summary>
/// Splits the network's probability of "N or S" between N and S by a logistic regression on the rhythm features alone.
/// Why: an S beat is defined by its timing against the patient's own rhythm and by its P wave, both in those features,
/// and a linear model of them tells S from N in new patients better than the network, which also learns the
/// training patients' beat shapes (docs/RESULTS.md, 1.1h). The network still decides between "N or S", V, F and Q.
/// Its weights are fitted to convergence apart from the network (the training library's <c>RhythmSplitFit</c>), never
/// by back-propagation, so they do not require gradients.
/// </summary>
public sealed class RhythmSplitHead : nn.Module<Tensor, Tensor>
{
    /// <summary>Class index of N in the AAMI order (N, S, V, F, Q).</summary>
    public const int Normal = 0;

    /// <summary>Class index of S in the AAMI order.</summary>
    public const int Supraventricular = 1;

    private readonly Linear split;

    public RhythmSplitHead(int rhythmFeatures) : base(nameof(RhythmSplitHead))
    {
        split = nn.Linear(rhythmFeatures, 2);
        RegisterComponents();
        foreach (var parameter in split.parameters())
        {
            parameter.requires_grad = false;
        }
    }

    /// <param name="rhythm">[B, RhythmFeatures] normalised rhythm features</param>
    /// <returns>[B, 2] logits of N against S</returns>
    public override Tensor forward(Tensor rhythm) => split.forward(rhythm);

    /// <summary>Sets the head to the logistic regression log-odds(S) = <paramref name="coefficients"/> · rhythm + <paramref name="intercept"/>
    /// (the N logit 0).</summary>
    /// <param name="coefficients">[RhythmFeatures]</param>
    /// <param name="intercept">the log-odds of S where every feature is 0</param>
    public void SetLogOdds(Tensor coefficients, double intercept)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        using var value = intercept.ToScalar();
        split.weight!.zero_();
        split.weight![Supraventricular].copy_(coefficients);
        split.bias!.zero_();
        split.bias![Supraventricular].fill_(value);
    }

    /// <summary>The network's log-probabilities with the N and S columns replaced by log P(N or S) + log P(N | rhythm)
    /// and log P(N or S) + log P(S | rhythm): still a distribution over the classes.</summary>
    /// <param name="networkLogits">[B, Classes] the network's logits</param>
    /// <param name="splitLogits">[B, 2] this head's logits</param>
    /// <returns>[B, Classes] log-probabilities</returns>
    public static Tensor Combine(Tensor networkLogits, Tensor splitLogits)
    {
        ArgumentNullException.ThrowIfNull(networkLogits);
        ArgumentNullException.ThrowIfNull(splitLogits);
        var logProbabilities = networkLogits.log_softmax(1);
        var normalOrSupraventricular = logProbabilities.narrow(1, Normal, 2).logsumexp(1, keepdim: true);
        var split = splitLogits.log_softmax(1).Plus(normalOrSupraventricular);
        var others = Supraventricular + 1;
        return cat([split, logProbabilities.narrow(1, others, logProbabilities.shape[1] - others)], 1);
    }
}
