using AtdMonitor.Model.Fusion;
using AtdMonitor.Model.Guide;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Variants;

/// <summary>The ATD variant: an ATD Guide per modality (separate weights and statistics), then ATD Fusion.</summary>
public sealed class GuidedAtdFusion : TokenFusion
{
    private readonly AtdGuide firstGuide;
    private readonly AtdGuide secondGuide;
    private readonly AtdFusion fusion;

    public GuidedAtdFusion(int width, int rounds, double guideMomentum) : base(nameof(GuidedAtdFusion))
    {
        firstGuide = new AtdGuide(width, guideMomentum);
        secondGuide = new AtdGuide(width, guideMomentum);
        fusion = new AtdFusion(width, rounds);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor first, Tensor second) =>
        fusion.forward(firstGuide.forward(first), secondGuide.forward(second));
}
