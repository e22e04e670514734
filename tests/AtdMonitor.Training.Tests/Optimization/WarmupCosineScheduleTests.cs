using AtdMonitor.Training.Optimization;

namespace AtdMonitor.Training.Tests.Optimization;

public sealed class WarmupCosineScheduleTests
{
    [Fact]
    public void Warm_up_rises_linearly_to_the_peak()
    {
        var schedule = new WarmupCosineSchedule(1e-3, warmupSteps: 4, totalSteps: 20);

        Assert.Equal(0.25e-3, schedule.LearningRateAt(0), 15);
        Assert.Equal(0.50e-3, schedule.LearningRateAt(1), 15);
        Assert.Equal(1.00e-3, schedule.LearningRateAt(3), 15);
    }

    [Fact]
    public void Cosine_decays_from_the_peak_to_the_floor_at_the_last_step()
    {
        var schedule = new WarmupCosineSchedule(1e-3, warmupSteps: 4, totalSteps: 20, floorLearningRate: 1e-5);

        Assert.Equal(1e-3, schedule.LearningRateAt(4), 15);
        // Half-way through the 16 decay steps (progress 7.5 / 15 = 0.5): the mid-point of peak and floor.
        Assert.Equal((1e-3 + 1e-5) / 2, (schedule.LearningRateAt(11) + schedule.LearningRateAt(12)) / 2, 6);
        Assert.Equal(1e-5, schedule.LearningRateAt(19), 15);
        Assert.Equal(1e-5, schedule.LearningRateAt(500), 15);
    }

    [Fact]
    public void The_rate_never_rises_after_warm_up()
    {
        var schedule = new WarmupCosineSchedule(3e-4, warmupSteps: 10, totalSteps: 100);

        for (var step = 10; step < 99; step++)
        {
            Assert.True(schedule.LearningRateAt(step + 1) <= schedule.LearningRateAt(step));
        }
    }

    [Fact]
    public void Warm_up_longer_than_the_run_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupCosineSchedule(1e-3, warmupSteps: 11, totalSteps: 10));
    }
}
