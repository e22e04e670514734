using AtdMonitor.Model.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Guide;

/// <summary>
/// The arithmetic both readings of the ATD Guide share: f̂ = γ ⊙ (f − μ) / σ + β with
/// (γ − 1, β) = FFNN([mean_tokens(f) ; e_m]) per sample and μ, σ per channel over batch and tokens.
/// </summary>
internal static class GuideCalibration
{
    private static readonly Scalar Epsilon = 1e-5.ToScalar();

    /// <summary>
    /// The FFNN: [f ; e] (2d) → d → GELU → (γ − 1, β) (2d). Its last layer starts at N(0, 10⁻⁶) weights and zero
    /// bias, so γ = 1 and β = 0 at start while the first layer still gets a gradient from the first step.
    /// </summary>
    public static (Linear Hidden, Linear ScaleShift) CreateNetwork(int width)
    {
        var hidden = nn.Linear(2 * width, width);
        var scaleShift = nn.Linear(width, 2 * width);
        using (no_grad())
        {
            scaleShift.weight!.normal_(0, 1e-3);
            scaleShift.bias!.zero_();
        }

        return (hidden, scaleShift);
    }

    /// <summary>
    /// (f − μ) / σ: in training with this batch's statistics, which are also folded into the running ones (as in
    /// batch normalisation); in evaluation with the running ones, so a window alone scores as inside a batch.
    /// </summary>
    /// <param name="encoded">[B, N, d]</param>
    /// <param name="runningMean">[d] buffer, updated in place in training</param>
    /// <param name="runningVariance">[d] buffer, updated in place in training</param>
    /// <param name="training">whether the module is in training mode</param>
    /// <param name="momentum">weight of this batch in the running statistics</param>
    /// <param name="retained">1 − momentum</param>
    /// <returns>[B, N, d]</returns>
    public static Tensor Normalise(Tensor encoded, Tensor runningMean, Tensor runningVariance, bool training, Scalar momentum, Scalar retained)
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

        return (encoded - mean) / variance.Plus(Epsilon).sqrt();
    }

    /// <param name="encoded">[B, N, d] the tokens f before normalisation</param>
    /// <param name="normalised">[B, N, d] (f − μ) / σ</param>
    /// <param name="modality">[d] the modality vector e_m</param>
    /// <param name="hidden">the FFNN's first layer (2d → d)</param>
    /// <param name="scaleShift">the FFNN's last layer (d → 2d)</param>
    /// <returns>[B, N, d] γ ⊙ normalised + β</returns>
    public static Tensor Calibrate(Tensor encoded, Tensor normalised, Tensor modality, Linear hidden, Linear scaleShift)
    {
        var width = encoded.shape[2];
        var summary = cat([encoded.mean([1]), modality.expand(encoded.shape[0], -1)], 1);
        var calibration = scaleShift.forward(nn.functional.gelu(hidden.forward(summary)));
        var gamma = calibration.narrow(1, 0, width).Plus(TensorArithmetic.One).unsqueeze(1);
        var beta = calibration.narrow(1, width, width).unsqueeze(1);
        return (gamma * normalised).Plus(beta);
    }
}
