using AtdMonitor.Model.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Heads;

/// <summary>
/// A learned daily cycle per variable, indexed by the hour of day (residual cycle forecasting, Lin et al. 2024,
/// "CycleNet"): the model subtracts it from the normalised history and adds it back to the forecast, so the rest of
/// the model forecasts what the day's shape does not explain. It starts at zero, so an untrained cycle changes nothing.
/// </summary>
public sealed class LearnedDailyCycle : nn.Module<Tensor, Tensor>
{
    private readonly Parameter cycle;

    public LearnedDailyCycle(int variables) : base(nameof(LearnedDailyCycle))
    {
        // One value per hour of the calendar's hour field (its first, 24 values).
        cycle = nn.Parameter(zeros(AtdConfig.CalendarCardinalities[0], variables));
        RegisterComponents();
    }

    /// <param name="hours">[B, T] int64 hour of day of each step (0..23)</param>
    /// <returns>[B, T, V] the cycle's value at each step</returns>
    public override Tensor forward(Tensor hours) =>
        cycle.index_select(0, hours.flatten()).reshape(hours.shape[0], hours.shape[1], cycle.shape[1]);
}
