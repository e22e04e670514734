using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Encoders;

/// <summary>Position-wise GELU feed-forward block: Linear(d, h) → GELU → dropout → Linear(h, d).</summary>
public sealed class FeedForward : nn.Module<Tensor, Tensor>
{
    private readonly Linear expand;
    private readonly Linear contract;
    private readonly Dropout dropout;

    public FeedForward(int width, int hiddenWidth, double dropout) : base(nameof(FeedForward))
    {
        expand = nn.Linear(width, hiddenWidth);
        contract = nn.Linear(hiddenWidth, width);
        this.dropout = nn.Dropout(dropout);
        RegisterComponents();
    }

    /// <param name="tokens">[B, N, d]</param>
    /// <returns>[B, N, d]</returns>
    public override Tensor forward(Tensor tokens) =>
        contract.forward(dropout.forward(nn.functional.gelu(expand.forward(tokens))));
}
