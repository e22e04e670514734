using AtdMonitor.Data.Beats;

namespace AtdMonitor.Data.Tests.Beats;

public sealed class SortedColumnsTests
{
    [Fact]
    public void Each_columns_median_equals_the_median_of_the_last_rows_sorted_afresh_as_rows_come_and_go()
    {
        const int Columns = 5;
        const int Capacity = 8;
        var random = new Random(7);
        var columns = new SortedColumns(Columns, Capacity);
        var rows = new List<float[]>();
        for (var n = 0; n < 40; n++)
        {
            // Coarse values, so that columns hold equal values and the dropped row's value has twins.
            var row = Enumerable.Range(0, Columns).Select(_ => random.Next(-3, 4) / 2f).ToArray();
            columns.Add(row);
            rows.Add(row);
            var held = rows.TakeLast(Capacity).ToList();

            Assert.Equal(held.Count, columns.Count);
            for (var c = 0; c < Columns; c++)
            {
                var sorted = held.Select(r => r[c]).ToArray();
                Assert.Equal(Median.SortAndTake(sorted), columns.Median(c));
            }
        }
    }

    [Fact]
    public void A_cleared_set_of_columns_starts_again_from_the_next_row()
    {
        var columns = new SortedColumns(2, 4);
        columns.Add([5, 5]);
        columns.Add([7, 9]);
        columns.Clear();

        columns.Add([1, 2]);

        Assert.Equal((1, 1f, 2f), (columns.Count, columns.Median(0), columns.Median(1)));
    }
}
