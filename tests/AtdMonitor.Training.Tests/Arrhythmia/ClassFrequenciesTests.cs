using AtdMonitor.Training.Arrhythmia;

namespace AtdMonitor.Training.Tests.Arrhythmia;

public sealed class ClassFrequenciesTests
{
    [Fact]
    public void Weights_fall_with_the_square_root_of_the_count_and_average_one_over_present_classes()
    {
        var weights = ClassFrequencies.InverseSquareRootWeights([400, 100, 0, 25]);

        // raw 1/20, 1/10, -, 1/5: mean over the three present classes is 0.35/3.
        var mean = (0.05 + 0.1 + 0.2) / 3;
        Assert.Equal(0.05 / mean, weights[0], 5);
        Assert.Equal(0.1 / mean, weights[1], 5);
        Assert.Equal(0, weights[2]);
        Assert.Equal(0.2 / mean, weights[3], 5);
        Assert.Equal(3, weights.Sum(), 4);
    }

    [Fact]
    public void Counting_gives_one_slot_per_class()
    {
        Assert.Equal([2L, 0L, 1L], ClassFrequencies.Count([0, 2, 0], classes: 3));
    }
}
