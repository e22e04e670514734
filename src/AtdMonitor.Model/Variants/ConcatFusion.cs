using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Variants;

/// <summary>
/// Concatenation baseline: W [f1 ; f2] + b per matched token. Followed by the classification head's token mean
/// this equals the table's W [mean f1 ; mean f2] + b (the mean commutes with the affine map), and it keeps
/// the token axis that the forecasting head reads.
/// </summary>
public sealed class ConcatFusion : TokenFusion
{
    private readonly Linear projection;

    public ConcatFusion(int width) : base(nameof(ConcatFusion))
    {
        projection = nn.Linear(2 * width, width);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor first, Tensor second) => projection.forward(cat([first, second], 2));
}
