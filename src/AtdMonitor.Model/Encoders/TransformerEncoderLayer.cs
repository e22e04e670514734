using AtdMonitor.Model.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Encoders;

/// <summary>
/// Pre-norm transformer layer (paper §3.2): x + Dropout(MHSA(LN(x))), then x + Dropout(FFN(LN(x))).
/// </summary>
public sealed class TransformerEncoderLayer : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm attentionNorm;
    private readonly MultiHeadAttention attention;
    private readonly LayerNorm feedForwardNorm;
    private readonly FeedForward feedForward;
    private readonly Dropout residualDropout;

    public TransformerEncoderLayer(int width, int heads, int feedForwardWidth, double dropout) : base(nameof(TransformerEncoderLayer))
    {
        attentionNorm = nn.LayerNorm(width);
        attention = new MultiHeadAttention(width, heads, dropout);
        feedForwardNorm = nn.LayerNorm(width);
        feedForward = new FeedForward(width, feedForwardWidth, dropout);
        residualDropout = nn.Dropout(dropout);
        RegisterComponents();
    }

    /// <param name="tokens">[B, N, d]</param>
    /// <returns>[B, N, d]</returns>
    public override Tensor forward(Tensor tokens)
    {
        var normalised = attentionNorm.forward(tokens);
        var attended = tokens.Plus(residualDropout.forward(attention.forward(normalised, normalised)));
        return attended.Plus(residualDropout.forward(feedForward.forward(feedForwardNorm.forward(attended))));
    }
}
