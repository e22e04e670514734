using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Encoders;

/// <summary>Multi-head scaled dot-product attention, softmax(QKᵀ/√d_k)V (paper Eq. 1).</summary>
public sealed class MultiHeadAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear query;
    private readonly Linear keyValue;
    private readonly Linear output;
    private readonly Dropout attentionDropout;
    private readonly int heads;
    private readonly Scalar scale;

    public MultiHeadAttention(int width, int heads, double dropout) : base(nameof(MultiHeadAttention))
    {
        this.heads = heads;
        scale = (1.0 / Math.Sqrt(width / heads)).ToScalar();
        query = nn.Linear(width, width);
        keyValue = nn.Linear(width, 2 * width);
        output = nn.Linear(width, width);
        attentionDropout = nn.Dropout(dropout);
        RegisterComponents();
    }

    /// <param name="queries">[B, Nq, d]</param>
    /// <param name="context">[B, Nk, d] (keys and values)</param>
    /// <returns>[B, Nq, d]</returns>
    public override Tensor forward(Tensor queries, Tensor context)
    {
        var batch = queries.shape[0];
        var width = queries.shape[2];
        var headWidth = width / heads;
        var q = query.forward(queries).view(batch, -1, heads, headWidth).transpose(1, 2);
        var kv = keyValue.forward(context).view(batch, -1, 2, heads, headWidth).permute(2, 0, 3, 1, 4);
        var weights = attentionDropout.forward(q.matmul(kv[0].transpose(-2, -1)).mul(scale).softmax(-1));
        var mixed = weights.matmul(kv[1]).transpose(1, 2).reshape(batch, -1, width);
        return output.forward(mixed);
    }
}
