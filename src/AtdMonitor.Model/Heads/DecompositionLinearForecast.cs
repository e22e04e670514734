using AtdMonitor.Model.Numerics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Heads;

/// <summary>
/// DLinear (Zeng et al. 2023, "Are Transformers Effective for Time Series Forecasting?"), shared across variables:
/// trend = moving average of <c>kernel</c> steps (the ends repeated so the average keeps the length), remainder =
/// history − trend, forecast = Linear(remainder) + Linear(trend), each over the time axis.
/// </summary>
public sealed class DecompositionLinearForecast : nn.Module<Tensor, Tensor>
{
    private readonly Linear seasonal;
    private readonly Linear trend;
    private readonly int kernel;

    /// <param name="lookBack">History steps L.</param>
    /// <param name="horizon">Forecast steps H.</param>
    /// <param name="kernel">Odd moving-average length (25 in the paper).</param>
    public DecompositionLinearForecast(int lookBack, int horizon, int kernel = 25) : base(nameof(DecompositionLinearForecast))
    {
        if (kernel < 1 || kernel % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "The moving-average kernel must be a positive odd number.");
        }

        this.kernel = kernel;
        seasonal = nn.Linear(lookBack, horizon);
        trend = nn.Linear(lookBack, horizon);
        RegisterComponents();
    }

    /// <param name="history">[B, L, V]</param>
    /// <returns>[B, H, V] in the scale of <paramref name="history"/></returns>
    public override Tensor forward(Tensor history)
    {
        var series = history.transpose(1, 2);
        var side = (kernel - 1) / 2;
        var padded = cat([series.narrow(2, 0, 1).expand(-1, -1, side), series, series.narrow(2, series.shape[2] - 1, 1).expand(-1, -1, side)], 2);
        var movingAverage = nn.functional.avg_pool1d(padded, kernel, 1);
        return seasonal.forward(series - movingAverage).Plus(trend.forward(movingAverage)).transpose(1, 2);
    }
}
