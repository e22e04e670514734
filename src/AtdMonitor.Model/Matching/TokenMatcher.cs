using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Encoders;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Matching;

/// <summary>
/// (ours) Brings a modality's N tokens to the common T tokens (paper §3.1, "now with matched dimensions"):
/// T learned queries attending over the tokens, or adaptive average pooling over the token axis.
/// </summary>
public sealed class TokenMatcher : nn.Module<Tensor, Tensor>
{
    private readonly Parameter? queries;
    private readonly MultiHeadAttention? pooling;
    private readonly int tokens;

    public TokenMatcher(TokenMatching mode, int tokens, int width, int heads, double dropout) : base(nameof(TokenMatcher))
    {
        this.tokens = tokens;
        if (mode == TokenMatching.Attention)
        {
            queries = new Parameter(empty(tokens, width).normal_(0, 0.02));
            pooling = new MultiHeadAttention(width, heads, dropout);
        }

        RegisterComponents();
    }

    /// <param name="encoded">[B, N, d]</param>
    /// <returns>[B, T, d]</returns>
    public override Tensor forward(Tensor encoded)
    {
        if (pooling is null || queries is null)
        {
            return nn.functional.adaptive_avg_pool1d(encoded.transpose(1, 2), tokens).transpose(1, 2);
        }

        return pooling.forward(queries.expand(encoded.shape[0], -1, -1), encoded);
    }
}
