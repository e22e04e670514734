using AtdMonitor.Model.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Guide;

/// <summary>
/// ATD Guide (paper §3.3): modality-conditioned calibration f̂ = γ ⊙ (f − μ) / σ + β, with
/// (γ, β) = FFNN([mean_tokens(f) ; e_m]) per sample and μ, σ per channel over batch and tokens.
/// (ours) Running averages of μ and σ² are kept like batch normalisation and used in evaluation mode, so a
/// window scored alone gets the same answer as inside a batch. γ starts at 1 and β at 0 (the FFNN's last layer
/// starts near zero, not at zero, so that its first layer also learns from the first step).
/// </summary>
public sealed class AtdGuide : nn.Module<Tensor, Tensor>
{
    private static readonly Scalar Epsilon = 1e-5.ToScalar();

    private readonly Parameter modalityEmbedding;
    private readonly Linear hidden;
    private readonly Linear scaleShift;
    private readonly Tensor runningMean;
    private readonly Tensor runningVariance;
    private readonly Scalar momentum;
    private readonly Scalar retained;
    private readonly long width;

    public AtdGuide(int width, double momentum) : base(nameof(AtdGuide))
    {
        this.width = width;
        this.momentum = momentum.ToScalar();
        retained = (1 - momentum).ToScalar();
        modalityEmbedding = new Parameter(empty(width).normal_(0, 0.02));
        hidden = nn.Linear(2 * width, width);
        scaleShift = nn.Linear(width, 2 * width);
        using (no_grad())
        {
            scaleShift.weight!.normal_(0, 1e-3);
            scaleShift.bias!.zero_();
        }

        runningMean = zeros(width);
        runningVariance = ones(width);
        RegisterComponents();
    }

    /// <param name="encoded">[B, N, d] tokens f_m of one modality</param>
    /// <returns>[B, N, d] calibrated tokens f̂_m</returns>
    public override Tensor forward(Tensor encoded)
    {
        Tensor mean;
        Tensor variance;
        if (training)
        {
            mean = encoded.mean([0, 1]);
            variance = encoded.var([0, 1], unbiased: false);
            using (no_grad())
            {
                runningMean.mul_(retained).add_(mean.detach(), alpha: momentum);
                runningVariance.mul_(retained).add_(variance.detach(), alpha: momentum);
            }
        }
        else
        {
            mean = runningMean;
            variance = runningVariance;
        }

        var normalised = (encoded - mean) / variance.Plus(Epsilon).sqrt();
        var summary = cat([encoded.mean([1]), modalityEmbedding.expand(encoded.shape[0], -1)], 1);
        var calibration = scaleShift.forward(nn.functional.gelu(hidden.forward(summary)));
        var gamma = calibration.narrow(1, 0, width).Plus(TensorArithmetic.One).unsqueeze(1);
        var beta = calibration.narrow(1, width, width).unsqueeze(1);
        return (gamma * normalised).Plus(beta);
    }
}
