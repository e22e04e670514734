using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Encoders;

/// <summary>
/// (ours) A learned "missing" token that replaces every embedded token of an absent modality. In training, a
/// present modality is also dropped with probability p (modality dropout) so the model learns to do without it.
/// </summary>
public sealed class MissingModalityToken : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Parameter token;
    private readonly double dropProbability;
    private readonly Scalar keepThreshold;

    public MissingModalityToken(int width, double dropProbability) : base(nameof(MissingModalityToken))
    {
        this.dropProbability = dropProbability;
        keepThreshold = dropProbability.ToScalar();
        token = new Parameter(empty(width).normal_(0, 0.02));
        RegisterComponents();
    }

    /// <param name="tokens">[B, N, d] embedded tokens of the modality</param>
    /// <param name="present">[B] bool, false where the modality is missing</param>
    /// <returns>[B, N, d] with the rows of missing samples replaced by the learned token</returns>
    public override Tensor forward(Tensor tokens, Tensor present)
    {
        var keep = present;
        if (training && dropProbability > 0)
        {
            keep = present.logical_and(rand(present.shape[0], device: present.device).ge(keepThreshold));
        }

        return where(keep.view(-1, 1, 1), tokens, token.expand_as(tokens));
    }
}
