using AtdMonitor.Training.Optimization;

namespace AtdMonitor.Training.Tests.Optimization;

public sealed class EarlyStoppingTests
{
    [Fact]
    public void Stops_after_patience_epochs_without_a_higher_value()
    {
        var stopping = new EarlyStopping(patience: 2, higherIsBetter: true);

        Assert.True(stopping.Observe(0, 0.5));
        Assert.True(stopping.Observe(1, 0.7));
        Assert.False(stopping.Observe(2, 0.7));
        Assert.False(stopping.ShouldStop);
        Assert.False(stopping.Observe(3, 0.6));

        Assert.True(stopping.ShouldStop);
        Assert.Equal(0.7, stopping.Best);
        Assert.Equal(1, stopping.BestEpoch);
    }

    [Fact]
    public void Lower_is_better_for_errors_and_NaN_never_improves()
    {
        var stopping = new EarlyStopping(patience: 3, higherIsBetter: false);

        stopping.Observe(0, 0.40);
        Assert.False(stopping.Observe(1, double.NaN));
        Assert.True(stopping.Observe(2, 0.38));

        Assert.Equal(2, stopping.BestEpoch);
        Assert.Equal(0, stopping.EpochsWithoutImprovement);
    }
}
