using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Variants;

/// <summary>Trainable parameter counts per variant, for the paper's Table 10 comparison.</summary>
public static class ParameterCounter
{
    /// <summary>Trainable parameters of a module (buffers such as the Guide's running statistics excluded).</summary>
    public static long Count(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.parameters().Where(parameter => parameter.requires_grad).Sum(parameter => parameter.numel());
    }

    /// <summary>The count of the model that <paramref name="config"/> builds (its task and variant).</summary>
    public static long Count(AtdConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        using nn.Module model = config.Task == ModelTask.Arrhythmia ? new ArrhythmiaModel(config) : new ForecastModel(config);
        return Count(model);
    }

    /// <summary>Every variant of <paramref name="config"/>'s task with the same other settings, in enum order.</summary>
    public static IReadOnlyList<(Variant Variant, long Parameters)> CountAllVariants(AtdConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Enum.GetValues<Variant>()
            .Select(variant => (variant, Count(config with { Variant = variant })))
            .ToList();
    }
}
