using AtdMonitor.Model.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Encoders;

/// <summary>
/// ViT-style p×p patches of a one-channel image, linear to d (a stride-p convolution), plus a 2-D position
/// embedding: (ours) the sum of a learned row-of-patches and a learned column-of-patches vector.
/// </summary>
public sealed class ImagePatchEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d projection;
    private readonly Parameter rowPositions;
    private readonly Parameter columnPositions;

    public ImagePatchEmbedding(int rows, int columns, int patch, int width) : base(nameof(ImagePatchEmbedding))
    {
        projection = nn.Conv2d(1, width, patch, stride: patch);
        rowPositions = new Parameter(empty(rows / patch, 1, width).normal_(0, 0.02));
        columnPositions = new Parameter(empty(1, columns / patch, width).normal_(0, 0.02));
        RegisterComponents();
    }

    /// <param name="image">[B, 1, F, W]</param>
    /// <returns>[B, (F / p)·(W / p), d], patches in row-major order</returns>
    public override Tensor forward(Tensor image)
    {
        var patches = projection.forward(image).permute(0, 2, 3, 1); // [B, F/p, W/p, d]
        return patches.Plus(rowPositions).Plus(columnPositions).flatten(1, 2);
    }
}
