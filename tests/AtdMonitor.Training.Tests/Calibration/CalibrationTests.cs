using AtdMonitor.Training.Calibration;

namespace AtdMonitor.Training.Tests.Calibration;

public sealed class CalibrationTests
{
    private const int Classes = 3;

    [Fact]
    public void Temperature_scaling_recovers_the_temperature_that_made_an_over_confident_model()
    {
        // Labels drawn from softmax(z / 3): a model reporting softmax(z) is over-confident by a factor 3.
        var (scores, labels) = Draw(beats: 20_000, trueTemperature: 3, seed: 5);

        var temperature = TemperatureScaling.Fit(scores, labels);

        Assert.InRange(temperature, 2.7, 3.3);
        Assert.True(TemperatureScaling.NegativeLogLikelihood(scores, labels, temperature) < TemperatureScaling.NegativeLogLikelihood(scores, labels, 1));
    }

    [Fact]
    public void Calibrated_probabilities_have_a_small_expected_calibration_error_and_raw_ones_a_large_one()
    {
        var (scores, labels) = Draw(beats: 20_000, trueTemperature: 3, seed: 6);
        var raw = new float[scores.Length];
        var calibrated = new float[scores.Length];

        TemperatureScaling.Apply(scores, Classes, 1, raw);
        TemperatureScaling.Apply(scores, Classes, 3, calibrated);

        Assert.True(ReliabilityBins.Of(raw, labels).ExpectedCalibrationError > 0.1);
        Assert.True(ReliabilityBins.Of(calibrated, labels).ExpectedCalibrationError < 0.02);
    }

    [Fact]
    public void The_floor_is_the_highest_candidate_just_under_which_the_model_is_wrong_at_least_half_the_time()
    {
        // Top probability 0.4: right 1 time in 4; 0.62: right 1 time in 2; 0.9: always right.
        List<float> probabilities = [];
        List<int> labels = [];
        for (var i = 0; i < 40; i++)
        {
            Add(probabilities, labels, 0.4f, right: i % 4 == 0);
            Add(probabilities, labels, 0.62f, right: i % 2 == 0);
            Add(probabilities, labels, 0.9f, right: true);
        }

        var floor = ConfidenceFloorChoice.Choose(probabilities.ToArray(), labels.ToArray());

        // The band just under 0.65 (the 0.62 beats) is right half the time; the 0.9 beats, just under 0.95, always.
        Assert.Equal(0.65f, floor, 4);
    }

    private static void Add(List<float> probabilities, List<int> labels, float top, bool right)
    {
        probabilities.AddRange([top, (1 - top) / 2, (1 - top) / 2]);
        labels.Add(right ? 0 : 1);
    }

    private static (float[] Scores, int[] Labels) Draw(int beats, double trueTemperature, int seed)
    {
        var random = new Random(seed);
        var scores = new float[beats * Classes];
        var labels = new int[beats];
        var row = new float[Classes];
        for (var i = 0; i < beats; i++)
        {
            for (var c = 0; c < Classes; c++)
            {
                scores[(i * Classes) + c] = (float)(random.NextDouble() * 12);
            }

            TemperatureScaling.Apply(scores.AsSpan(i * Classes, Classes), Classes, trueTemperature, row);
            var u = random.NextDouble();
            var label = 0;
            for (double cumulative = row[0]; label < Classes - 1 && u > cumulative; cumulative += row[++label])
            {
            }

            labels[i] = label;
        }

        return (scores, labels);
    }
}
