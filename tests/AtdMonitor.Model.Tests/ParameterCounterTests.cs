using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Model.Tests.Support;
using AtdMonitor.Model.Variants;
using Xunit.Abstractions;

namespace AtdMonitor.Model.Tests;

public sealed class ParameterCounterTests(ITestOutputHelper output)
{
    [Fact]
    public void The_default_configurations_stay_small_enough_to_train_on_a_cpu()
    {
        foreach (var config in new[] { new AtdConfig(), new AtdConfig { Task = ModelTask.Forecast } })
        {
            foreach (var (variant, parameters) in ParameterCounter.CountAllVariants(config))
            {
                output.WriteLine($"{config.Task} {variant}: {parameters:N0} parameters");
                Assert.InRange(parameters, 10_000, 500_000);
            }
        }
    }

    [Fact]
    public void Every_variant_is_counted_and_unimodal_variants_are_the_smallest()
    {
        var counts = ParameterCounter.CountAllVariants(TinyConfigs.Arrhythmia()).ToDictionary(row => row.Variant, row => row.Parameters);

        Assert.Equal(Enum.GetValues<Variant>(), counts.Keys);
        var fused = new[] { Variant.Atd, Variant.Concat, Variant.Lmf, Variant.CrossAttention }.Select(variant => counts[variant]);
        Assert.True(fused.Min() > Math.Max(counts[Variant.SignalOnly], counts[Variant.ImageOnly]));
    }

    [Fact]
    public void The_count_of_a_configuration_is_the_sum_of_its_model_parameters()
    {
        var config = TinyConfigs.Forecast(Variant.Lmf);
        using var model = new ForecastModel(config);

        Assert.Equal(model.parameters().Sum(parameter => parameter.numel()), ParameterCounter.Count(config));
    }
}
