using AtdMonitor.Training.Metrics;
using AtdMonitor.Training.Reports;

namespace AtdMonitor.Training.Tests.Reports;

public sealed class MarkdownTableTests
{
    [Fact]
    public void Numeric_columns_are_right_aligned_and_pipes_escaped()
    {
        var table = new MarkdownTable("Variant", "Accuracy:").AddRow("a|b", MarkdownTable.Number(0.98765, 3));

        Assert.Equal("| Variant | Accuracy |\n|---|---:|\n| a\\|b | 0.988 |\n", table.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_row_of_the_wrong_width_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new MarkdownTable("A", "B").AddRow("only one"));
    }

    [Fact]
    public void The_per_class_table_shows_a_dash_for_an_undefined_score()
    {
        var matrix = new ConfusionMatrix(["N", "S"]);
        matrix.AddRange([0, 0], [0, 0]);

        var text = ClassificationReport.PerClass(matrix).ToString();

        Assert.Contains("| S | 0 | – | – | – |", text, StringComparison.Ordinal);
        Assert.Contains("| N | 2 | 1.000 | 1.000 | 1.000 |", text, StringComparison.Ordinal);
    }
}
