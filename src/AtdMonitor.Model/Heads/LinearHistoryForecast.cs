using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Heads;

/// <summary>
/// (ours) One linear map from a variable's normalised history to its horizon, shared by all variables
/// (channel-independent, as in DLinear / RLinear). The fused tokens' head adds to it, so the transformer learns the
/// part of the forecast a linear extrapolation misses rather than the whole of it.
/// </summary>
public sealed class LinearHistoryForecast : nn.Module<Tensor, Tensor>
{
    private readonly Linear projection;

    public LinearHistoryForecast(int lookBack, int horizon) : base(nameof(LinearHistoryForecast))
    {
        projection = nn.Linear(lookBack, horizon);
        RegisterComponents();
    }

    /// <param name="history">[B, L, V] instance-normalised</param>
    /// <returns>[B, H, V] in the same scale</returns>
    public override Tensor forward(Tensor history) => projection.forward(history.transpose(1, 2)).transpose(1, 2);
}
