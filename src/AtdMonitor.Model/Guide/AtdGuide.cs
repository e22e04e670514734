using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Guide;

/// <summary>
/// ATD Guide (paper §3.3), one network for both modalities: f̂_m = γ ⊙ (f_m − μ_m) / σ_m + β with
/// (γ, β) = FFNN([mean_tokens(f_m) ; Emb(m)]), Emb = Embedding(2, d). μ_m, σ_m are per modality and channel
/// over batch and tokens. (ours) Running averages of μ_m and σ_m² are kept like batch normalisation and used in
/// evaluation mode, so a window scored alone gets the same answer as inside a batch. γ starts at 1 and β at 0.
/// </summary>
public sealed class AtdGuide : nn.Module<Tensor, long, Tensor>
{
    /// <summary>Modality indices: 0 = the signal (or numeric history), 1 = the image (or calendar).</summary>
    public const int Modalities = 2;

    private readonly Embedding modalityEmbedding;
    private readonly Linear hidden;
    private readonly Linear scaleShift;
    private readonly Tensor runningMean;
    private readonly Tensor runningVariance;
    private readonly Scalar momentum;
    private readonly Scalar retained;

    public AtdGuide(int width, double momentum) : base(nameof(AtdGuide))
    {
        this.momentum = momentum.ToScalar();
        retained = (1 - momentum).ToScalar();
        modalityEmbedding = nn.Embedding(Modalities, width);
        using (no_grad())
        {
            modalityEmbedding.weight!.normal_(0, 0.02);
        }

        (hidden, scaleShift) = GuideCalibration.CreateNetwork(width);
        runningMean = zeros(Modalities, width);
        runningVariance = ones(Modalities, width);
        RegisterComponents();
    }

    /// <param name="encoded">[B, N, d] tokens f_m of modality <paramref name="modality"/></param>
    /// <param name="modality">m: 0 (signal / history) or 1 (image / calendar)</param>
    /// <returns>[B, N, d] calibrated tokens f̂_m</returns>
    public override Tensor forward(Tensor encoded, long modality)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(modality);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(modality, Modalities);
        var normalised = GuideCalibration.Normalise(encoded, runningMean[modality], runningVariance[modality], training, momentum, retained);
        return GuideCalibration.Calibrate(encoded, normalised, modalityEmbedding.weight![modality], hidden, scaleShift);
    }
}
