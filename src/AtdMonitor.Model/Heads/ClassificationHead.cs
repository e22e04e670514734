using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Heads;

/// <summary>(ours) Mean over the fused tokens, LayerNorm, dropout, linear to the classes.</summary>
public sealed class ClassificationHead : nn.Module<Tensor, Tensor>
{
    private readonly LayerNorm norm;
    private readonly Dropout dropout;
    private readonly Linear classifier;

    public ClassificationHead(int width, int classes, double dropout) : base(nameof(ClassificationHead))
    {
        norm = nn.LayerNorm(width);
        this.dropout = nn.Dropout(dropout);
        classifier = nn.Linear(width, classes);
        RegisterComponents();
    }

    /// <param name="fused">[B, T, d]</param>
    /// <returns>[B, classes] logits</returns>
    public override Tensor forward(Tensor fused) =>
        classifier.forward(dropout.forward(norm.forward(fused.mean([1]))));
}
