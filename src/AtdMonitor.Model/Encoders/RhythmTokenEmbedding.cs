using AtdMonitor.Model.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Encoders;

/// <summary>
/// (ours) The beat's rhythm features (pre-RR, post-RR, local mean RR, ratio) as one extra token,
/// appended to the signal patch tokens; a learned type vector marks it apart from the patches.
/// </summary>
public sealed class RhythmTokenEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly Linear projection;
    private readonly Parameter tokenType;

    public RhythmTokenEmbedding(int features, int width) : base(nameof(RhythmTokenEmbedding))
    {
        projection = nn.Linear(features, width);
        tokenType = new Parameter(empty(width).normal_(0, 0.02));
        RegisterComponents();
    }

    /// <param name="rhythm">[B, R]</param>
    /// <returns>[B, 1, d]</returns>
    public override Tensor forward(Tensor rhythm) => projection.forward(rhythm).Plus(tokenType).unsqueeze(1);
}
