using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Guide;

/// <summary>
/// (ours) The ATD Guide of one modality, with its own FFNN, modality vector and running statistics
/// (<see cref="Configuration.GuideKind.PerModality"/>). Its modality vector is a constant input, so it only acts as a
/// bias of the FFNN's first layer. The layout (names and shapes) is that of every checkpoint written before the
/// shared Guide, which therefore still loads.
/// </summary>
public sealed class PerModalityAtdGuide : nn.Module<Tensor, Tensor>
{
    private readonly Parameter modalityEmbedding;
    private readonly Linear hidden;
    private readonly Linear scaleShift;
    private readonly Tensor runningMean;
    private readonly Tensor runningVariance;
    private readonly Scalar momentum;
    private readonly Scalar retained;

    public PerModalityAtdGuide(int width, double momentum) : base(nameof(PerModalityAtdGuide))
    {
        this.momentum = momentum.ToScalar();
        retained = (1 - momentum).ToScalar();
        modalityEmbedding = new Parameter(empty(width).normal_(0, 0.02));
        (hidden, scaleShift) = GuideCalibration.CreateNetwork(width);
        runningMean = zeros(width);
        runningVariance = ones(width);
        RegisterComponents();
    }

    /// <param name="encoded">[B, N, d] tokens f_m of this Guide's modality</param>
    /// <returns>[B, N, d] calibrated tokens f̂_m</returns>
    public override Tensor forward(Tensor encoded)
    {
        var normalised = GuideCalibration.Normalise(encoded, runningMean, runningVariance, training, momentum, retained);
        return GuideCalibration.Calibrate(encoded, normalised, modalityEmbedding, hidden, scaleShift);
    }
}
