using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Model.Tests.Support;
using AtdMonitor.Model.Variants;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tests;

public sealed class ForecastArchitectureTests
{
    public static TheoryData<Variant> Variants => TinyConfigs.AllVariants();

    [Theory]
    [MemberData(nameof(Variants))]
    public void A_channel_independent_forecast_of_one_variable_ignores_the_other_variables_history(Variant variant)
    {
        using var scope = NewDisposeScope();
        var config = TinyConfigs.Forecast(variant) with { ChannelIndependent = true };
        random.manual_seed(4);
        using var model = new ForecastModel(config);
        model.eval();
        var (history, calendar) = RandomInputs.Forecast(config, 5);
        var changed = history.clone();
        changed[.., .., 2] = changed[.., .., 2] * 3 + 7;

        using var noGrad = no_grad();
        var forecast = model.forward(history, calendar);
        var otherForecast = model.forward(changed, calendar);

        Assert.Equal([5L, config.Horizon, config.Variables], forecast.shape);
        Assert.True(forecast[.., .., ..2].allclose(otherForecast[.., .., ..2], rtol: 1e-5, atol: 1e-5));
        Assert.False(forecast[.., .., 2].allclose(otherForecast[.., .., 2]));
    }

    [Theory]
    [InlineData(ForecastArchitecture.DLinear)]
    [InlineData(ForecastArchitecture.RLinear)]
    public void A_linear_reference_maps_each_variables_own_history_with_weights_shared_by_all_variables(ForecastArchitecture architecture)
    {
        using var scope = NewDisposeScope();
        var config = TinyConfigs.Forecast() with { ForecastArchitecture = architecture };
        using var model = new ForecastModel(config);
        var (history, calendar) = RandomInputs.Forecast(config, 4);
        history[.., .., 1] = history[.., .., 0];

        var forecast = model.forward(history, calendar);

        Assert.Equal([4L, config.Horizon, config.Variables], forecast.shape);
        Assert.True(forecast[.., .., 0].allclose(forecast[.., .., 1], rtol: 1e-6, atol: 1e-6));
        Assert.False(forecast[.., .., 0].allclose(forecast[.., .., 2]));
        // DLinear: one linear map for the trend and one for the remainder; RLinear: one map, and RevIN's scale and shift per variable.
        var linearMap = (config.LookBack * config.Horizon) + config.Horizon;
        Assert.Equal(architecture == ForecastArchitecture.DLinear ? 2 * linearMap : linearMap + (2 * config.Variables), model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void DLinear_forecasts_a_constant_history_from_the_trend_map_alone()
    {
        using var scope = NewDisposeScope();
        var config = TinyConfigs.Forecast() with { ForecastArchitecture = ForecastArchitecture.DLinear, Variables = 1 };
        using var model = new ForecastModel(config);
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var constant = full(1, config.LookBack, 1, 2.5f);

        var forecast = model.forward(constant, zeros(1, config.LookBack + config.Horizon, 4, dtype: ScalarType.Int64)).reshape(-1);

        // The moving average of a constant is the constant, so the remainder is zero: trend W·c + trend b + seasonal b.
        var expected = (parameters["dlinear.trend.weight"].sum(1) * 2.5f) + parameters["dlinear.trend.bias"] + parameters["dlinear.seasonal.bias"];
        Assert.True(forecast.allclose(expected, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void RLinear_follows_a_shift_and_a_scaling_of_the_history_through_RevIN()
    {
        using var scope = NewDisposeScope();
        var config = TinyConfigs.Forecast() with { ForecastArchitecture = ForecastArchitecture.RLinear };
        using var model = new ForecastModel(config);
        var (history, calendar) = RandomInputs.Forecast(config, 3);

        var forecast = model.forward(history, calendar);
        var moved = model.forward((history * 4) + 10, calendar);

        // RevIN normalises each window per variable and maps the forecast back, so the linear map sees the same input.
        Assert.True(moved.allclose((forecast * 4) + 10, rtol: 1e-4, atol: 1e-3));
    }

    [Theory]
    [InlineData(ForecastArchitecture.RLinear)]
    [InlineData(ForecastArchitecture.Fused)]
    public void An_untrained_daily_cycle_changes_no_forecast(ForecastArchitecture architecture)
    {
        using var scope = NewDisposeScope();
        var config = TinyConfigs.Forecast(Variant.SignalOnly) with { ForecastArchitecture = architecture, ChannelIndependent = true };
        random.manual_seed(5);
        using var plain = new ForecastModel(config);
        random.manual_seed(5);
        using var cyclic = new ForecastModel(config with { DailyCycle = true });
        plain.eval();
        cyclic.eval();
        var (history, calendar) = RandomInputs.Forecast(config, 3);

        using var noGrad = no_grad();
        Assert.True(cyclic.forward(history, calendar).allclose(plain.forward(history, calendar), rtol: 1e-6, atol: 1e-6));
        Assert.Equal(plain.parameters().Sum(p => p.numel()) + (24 * config.Variables), cyclic.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void The_daily_cycle_is_taken_out_of_each_history_step_and_put_back_into_each_forecast_step_at_that_steps_hour()
    {
        using var scope = NewDisposeScope();
        var config = TinyConfigs.Forecast() with { ForecastArchitecture = ForecastArchitecture.RLinear, DailyCycle = true, Variables = 1 };
        using var model = new ForecastModel(config);
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        using (no_grad())
        {
            // The linear map forecasts the mean of the last two history steps at every horizon step.
            var weight = parameters["linearForecast.projection.weight"];
            weight.zero_();
            weight[.., config.LookBack - 2] = full(config.Horizon, 0.5f);
            weight[.., config.LookBack - 1] = full(config.Horizon, 0.5f);
            parameters["linearForecast.projection.bias"].zero_();
            parameters["dailyCycle.cycle"].copy_(arange(24, dtype: ScalarType.Float32).reshape(24, 1) / 10);
        }

        var steps = config.LookBack + config.Horizon;
        var hours = (arange(steps, dtype: ScalarType.Int64) + 19).remainder(24);
        var calendar = stack([hours, zeros_like(hours), zeros_like(hours), zeros_like(hours)], 1).unsqueeze(0);
        var history = randn(1, config.LookBack, 1).mul(2).add(7);

        using var noGrad = no_grad();
        var forecast = model.forward(history, calendar).reshape(-1);

        // Each normalised step minus the cycle at its hour, averaged, plus the cycle at each forecast hour, mapped back by RevIN.
        var (mean, std) = (history.mean(), history.var([1], unbiased: false).add(1e-5).sqrt().reshape(-1));
        var cycle = hours.to(ScalarType.Float32) / 10;
        var secondLast = ((history[0, -2, 0] - mean) / std) - cycle[config.LookBack - 2];
        var last = ((history[0, -1, 0] - mean) / std) - cycle[config.LookBack - 1];
        var expected = ((((secondLast + last) / 2) + cycle[config.LookBack..]) * std) + mean;
        Assert.True(forecast.allclose(expected, rtol: 1e-4, atol: 1e-4));
    }

    [Fact]
    public void A_daily_cycle_needs_RevIN_so_DLinear_refuses_it()
    {
        var config = TinyConfigs.Forecast() with { ForecastArchitecture = ForecastArchitecture.DLinear, DailyCycle = true };

        var error = Assert.Throws<ArgumentException>(config.Validate);

        Assert.Contains("DailyCycle needs the fused or RLinear forecaster", error.Message, StringComparison.Ordinal);
    }
}
