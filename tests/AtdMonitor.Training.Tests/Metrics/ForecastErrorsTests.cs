using AtdMonitor.Training.Metrics;

namespace AtdMonitor.Training.Tests.Metrics;

public sealed class ForecastErrorsTests
{
    [Fact]
    public void MSE_and_MAE_average_over_every_value_of_every_batch()
    {
        var errors = new ForecastErrors();

        errors.Add([1f, 2f], [0f, 2f]);   // errors 1, 0
        errors.Add([0f, 0f, 0f], [3f, -1f, 0f]); // errors -3, 1, 0

        Assert.Equal(5, errors.Count);
        Assert.Equal((1.0 + 0 + 9 + 1 + 0) / 5, errors.MeanSquaredError, 12);
        Assert.Equal((1.0 + 0 + 3 + 1 + 0) / 5, errors.MeanAbsoluteError, 12);
    }

    [Fact]
    public void No_values_give_NaN_rather_than_zero()
    {
        var errors = new ForecastErrors();

        Assert.True(double.IsNaN(errors.MeanSquaredError));
        Assert.True(double.IsNaN(errors.MeanAbsoluteError));
    }
}
