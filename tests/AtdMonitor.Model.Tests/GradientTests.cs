using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Model.Tests.Support;
using AtdMonitor.Model.Variants;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tests;

public sealed class GradientTests
{
    public static TheoryData<Variant> Variants => TinyConfigs.AllVariants();

    [Theory]
    [MemberData(nameof(Variants))]
    public void One_backward_pass_reaches_every_arrhythmia_parameter(Variant variant) =>
        AssertArrhythmiaGradients(TinyConfigs.Arrhythmia(variant));

    [Theory]
    [InlineData(GuideKind.Shared, DisplacementInit.Identity)]
    [InlineData(GuideKind.PerModality, DisplacementInit.Identity)]
    [InlineData(GuideKind.None, DisplacementInit.Random)]
    public void One_backward_pass_reaches_every_parameter_of_each_atd_guide_and_displacement_start(GuideKind guide, DisplacementInit init) =>
        AssertArrhythmiaGradients(TinyConfigs.Arrhythmia() with { Guide = guide, DisplacementInit = init, FusionRounds = 2 });

    private static void AssertArrhythmiaGradients(AtdConfig tiny)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        var config = tiny with { Dropout = 0 };
        using var model = new ArrhythmiaModel(config);
        model.train();
        var (signal, rhythm, image, present) = RandomInputs.Arrhythmia(config, 12);
        var labels = arange(12).remainder(config.Classes);

        nn.functional.cross_entropy(model.forward(signal, rhythm, image, present), labels).backward();

        AssertEveryParameterHasGradient(model);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void One_backward_pass_reaches_every_forecast_parameter(Variant variant)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        var config = TinyConfigs.Forecast(variant) with { Dropout = 0 };
        using var model = new ForecastModel(config);
        model.train();
        var (history, calendar) = RandomInputs.Forecast(config, 8);
        var target = randn(8, config.Horizon, config.Variables);

        nn.functional.mse_loss(model.forward(history, calendar), target).backward();

        AssertEveryParameterHasGradient(model);
    }

    private static void AssertEveryParameterHasGradient(nn.Module model)
    {
        var missing = model.named_parameters()
            .Where(named => named.parameter.grad is null || named.parameter.grad.abs().sum().item<float>() == 0f)
            .Select(named => named.name)
            .ToList();
        Assert.Empty(missing);
    }
}
