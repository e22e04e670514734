using AtdMonitor.Model.Configuration;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tests.Support;

/// <summary>Random model inputs of the right shapes (callers own the dispose scope).</summary>
internal static class RandomInputs
{
    /// <summary>Every third sample has no image, so the missing token takes part.</summary>
    public static (Tensor Signal, Tensor Rhythm, Tensor Image, Tensor ImagePresent) Arrhythmia(AtdConfig config, int batch)
    {
        var present = arange(batch).remainder(3).ne(0);
        return (randn(batch, config.SignalLength), randn(batch, config.RhythmFeatures),
                randn(batch, 1, config.ImageRows, config.ImageColumns), present);
    }

    public static (Tensor History, Tensor Calendar) Forecast(AtdConfig config, int batch)
    {
        var steps = config.LookBack + config.Horizon;
        var fields = AtdConfig.CalendarCardinalities
            .Select(cardinality => randint(cardinality, [batch, steps], dtype: ScalarType.Int64))
            .ToArray();
        return (randn(batch, config.LookBack, config.Variables).mul(3).add(10), stack(fields, 2));
    }
}
