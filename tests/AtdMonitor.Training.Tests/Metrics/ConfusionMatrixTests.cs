using AtdMonitor.Training.Metrics;

namespace AtdMonitor.Training.Tests.Metrics;

public sealed class ConfusionMatrixTests
{
    private static readonly string[] ThreeClasses = ["N", "S", "V"];

    // truth:      N N N N N N S S V V
    // predicted:  N N N N N S S N V N
    private static ConfusionMatrix HandWorkedExample()
    {
        var matrix = new ConfusionMatrix(ThreeClasses);
        matrix.AddRange([0, 0, 0, 0, 0, 0, 1, 1, 2, 2], [0, 0, 0, 0, 0, 1, 1, 0, 2, 0]);
        return matrix;
    }

    [Fact]
    public void Accuracy_is_the_share_on_the_diagonal()
    {
        Assert.Equal(7.0 / 10, HandWorkedExample().Accuracy, 12);
    }

    [Fact]
    public void Per_class_scores_match_the_hand_worked_counts()
    {
        var matrix = HandWorkedExample();

        // N: TP 5, FN 1, FP 2 -> Se 5/6, PPV 5/7, F1 10/13.
        var n = matrix.Scores(0);
        Assert.Equal(6, n.Support);
        Assert.Equal(7, n.Predicted);
        Assert.Equal(5.0 / 6, n.Sensitivity, 12);
        Assert.Equal(5.0 / 7, n.PositivePredictiveValue, 12);
        Assert.Equal(10.0 / 13, n.F1, 12);

        // S: TP 1, FN 1, FP 1 -> 0.5 / 0.5 / 0.5.
        var s = matrix.Scores(1);
        Assert.Equal(0.5, s.Sensitivity, 12);
        Assert.Equal(0.5, s.PositivePredictiveValue, 12);
        Assert.Equal(0.5, s.F1, 12);

        // V: TP 1, FN 1, FP 0 -> Se 0.5, PPV 1, F1 2/3.
        var v = matrix.Scores(2);
        Assert.Equal(0.5, v.Sensitivity, 12);
        Assert.Equal(1.0, v.PositivePredictiveValue, 12);
        Assert.Equal(2.0 / 3, v.F1, 12);

        Assert.Equal(((10.0 / 13) + 0.5 + (2.0 / 3)) / 3, matrix.MacroF1, 12);
    }

    [Fact]
    public void A_class_absent_from_truth_and_predictions_is_left_out_of_macro_F1()
    {
        var matrix = new ConfusionMatrix(["N", "S", "Q"]);
        matrix.AddRange([0, 0, 1, 1], [0, 0, 1, 0]);

        var q = matrix.Scores(2);

        Assert.True(double.IsNaN(q.Sensitivity));
        Assert.True(double.IsNaN(q.PositivePredictiveValue));
        Assert.True(double.IsNaN(q.F1));
        // N: TP 2, FP 1, FN 0 -> F1 4/5; S: TP 1, FN 1, FP 0 -> F1 2/3.
        Assert.Equal(((4.0 / 5) + (2.0 / 3)) / 2, matrix.MacroF1, 12);
    }

    [Fact]
    public void A_class_never_predicted_has_no_PPV_and_an_F1_of_zero()
    {
        var matrix = new ConfusionMatrix(["N", "S"]);
        matrix.AddRange([0, 1, 1], [0, 0, 0]);

        var s = matrix.Scores(1);

        Assert.Equal(0, s.Sensitivity);
        Assert.True(double.IsNaN(s.PositivePredictiveValue));
        Assert.Equal(0, s.F1);
    }

    [Fact]
    public void Out_of_range_labels_are_rejected()
    {
        var matrix = new ConfusionMatrix(ThreeClasses);

        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Add(3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Add(0, -1));
        Assert.Equal(0, matrix.Total);
    }
}
