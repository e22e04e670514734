using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Model.Tests.Support;
using AtdMonitor.Model.Variants;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tests;

public sealed class ModelShapeTests
{
    public static TheoryData<Variant> Variants => TinyConfigs.AllVariants();

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_arrhythmia_variant_gives_one_logit_per_class_and_beat(Variant variant)
    {
        using var scope = NewDisposeScope();
        var config = TinyConfigs.Arrhythmia(variant);
        using var model = new ArrhythmiaModel(config);
        var (signal, rhythm, image, present) = RandomInputs.Arrhythmia(config, 6);

        var logits = model.forward(signal, rhythm, image, present);

        Assert.Equal([6L, config.Classes], logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_forecast_variant_gives_horizon_by_variables(Variant variant)
    {
        using var scope = NewDisposeScope();
        var config = TinyConfigs.Forecast(variant);
        using var model = new ForecastModel(config);
        var (history, calendar) = RandomInputs.Forecast(config, 5);

        var forecast = model.forward(history, calendar);

        Assert.Equal([5L, config.Horizon, config.Variables], forecast.shape);
        Assert.True(forecast.isfinite().all().item<bool>());
    }

    [Fact]
    public void A_horizon_that_is_not_a_whole_number_of_patches_still_forecasts_every_step()
    {
        using var scope = NewDisposeScope();
        var config = TinyConfigs.Forecast() with { Horizon = 6 };
        using var model = new ForecastModel(config);
        var (history, calendar) = RandomInputs.Forecast(config, 2);

        var forecast = model.forward(history, calendar);

        Assert.Equal([2L, 6L, config.Variables], forecast.shape);
        Assert.True(forecast.isfinite().all().item<bool>());
    }

    [Fact]
    public void In_training_a_fused_forecaster_may_forecast_without_the_calendar()
    {
        using var scope = NewDisposeScope();
        var config = TinyConfigs.Forecast() with { Dropout = 0, ModalityDropout = 0.99 };
        random.manual_seed(3);
        using var model = new ForecastModel(config);
        var (history, calendar) = RandomInputs.Forecast(config, 4);
        var (_, otherCalendar) = RandomInputs.Forecast(config, 4);
        model.train();

        random.manual_seed(5);
        var withCalendar = model.forward(history, calendar);
        random.manual_seed(5);
        var withOtherCalendar = model.forward(history, otherCalendar);
        model.eval();

        // Dropped for every sample (p = 0.99, same draw): the calendar cannot matter; in eval mode it does.
        Assert.True(withCalendar.allclose(withOtherCalendar));
        Assert.False(model.forward(history, calendar).allclose(model.forward(history, otherCalendar)));
    }

    [Theory]
    [InlineData(TokenMatching.AveragePooling, 1)]
    [InlineData(TokenMatching.Attention, 2)]
    [InlineData(TokenMatching.Attention, 3)]
    public void Atd_runs_with_average_pooling_and_with_alternating_rounds(TokenMatching matching, int rounds)
    {
        using var scope = NewDisposeScope();
        var config = TinyConfigs.Arrhythmia() with { TokenMatching = matching, FusionRounds = rounds };
        using var model = new ArrhythmiaModel(config);
        var (signal, rhythm, image, present) = RandomInputs.Arrhythmia(config, 3);

        Assert.Equal([3L, config.Classes], model.forward(signal, rhythm, image, present).shape);
    }

    [Fact]
    public void A_configuration_that_cannot_build_names_the_setting()
    {
        var config = TinyConfigs.Arrhythmia() with { AttentionHeads = 3 };

        var error = Assert.Throws<ArgumentException>(() => new ArrhythmiaModel(config));

        Assert.Contains("AtdConfig.AttentionHeads must divide ModelWidth (16)", error.Message, StringComparison.Ordinal);
    }
}
