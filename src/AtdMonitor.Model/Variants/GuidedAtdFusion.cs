using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Fusion;
using AtdMonitor.Model.Guide;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Variants;

/// <summary>
/// The ATD variant: the ATD Guide (one shared by both modalities, one per modality, or none; see
/// <see cref="GuideKind"/>), then ATD Fusion.
/// </summary>
public sealed class GuidedAtdFusion : TokenFusion
{
    // Field names are the checkpoint layout: firstGuide / secondGuide are the per-modality Guides of older checkpoints.
    private readonly AtdGuide? guide;
    private readonly PerModalityAtdGuide? firstGuide;
    private readonly PerModalityAtdGuide? secondGuide;
    private readonly AtdFusion fusion;

    public GuidedAtdFusion(int width, int rounds, double guideMomentum, GuideKind guideKind, DisplacementInit displacementInit)
        : base(nameof(GuidedAtdFusion))
    {
        switch (guideKind)
        {
            case GuideKind.Shared:
                guide = new AtdGuide(width, guideMomentum);
                break;
            case GuideKind.PerModality:
                firstGuide = new PerModalityAtdGuide(width, guideMomentum);
                secondGuide = new PerModalityAtdGuide(width, guideMomentum);
                break;
            case GuideKind.None:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(guideKind), guideKind, "Unknown Guide kind.");
        }

        fusion = new AtdFusion(width, rounds, displacementInit);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor first, Tensor second)
    {
        if (guide is not null)
        {
            return fusion.forward(guide.forward(first, 0), guide.forward(second, 1));
        }

        return firstGuide is not null && secondGuide is not null
            ? fusion.forward(firstGuide.forward(first), secondGuide.forward(second))
            : fusion.forward(first, second);
    }
}
