using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Heads;

/// <summary>(ours) A linear map from all fused tokens (flattened) to horizon × variables.</summary>
public sealed class ForecastHead : nn.Module<Tensor, Tensor>
{
    private readonly Dropout dropout;
    private readonly Linear projection;
    private readonly int horizon;
    private readonly int variables;

    public ForecastHead(int tokens, int width, int horizon, int variables, double dropout) : base(nameof(ForecastHead))
    {
        this.horizon = horizon;
        this.variables = variables;
        this.dropout = nn.Dropout(dropout);
        projection = nn.Linear(tokens * width, horizon * variables);
        RegisterComponents();
    }

    /// <param name="fused">[B, T, d]</param>
    /// <returns>[B, H, V] in the instance-normalised scale</returns>
    public override Tensor forward(Tensor fused) =>
        projection.forward(dropout.forward(fused.flatten(1))).view(-1, horizon, variables);
}
