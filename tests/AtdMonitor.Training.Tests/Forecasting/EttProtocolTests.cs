using AtdMonitor.Training.Forecasting;

namespace AtdMonitor.Training.Tests.Forecasting;

public sealed class EttProtocolTests
{
    private const int EttH1Rows = 17_420;

    [Theory]
    [InlineData(EttSplit.Train, 96, 96, 8_449)]
    [InlineData(EttSplit.Validation, 96, 96, 2_785)]
    [InlineData(EttSplit.Test, 96, 96, 2_785)]
    [InlineData(EttSplit.Test, 96, 720, 2_161)]
    public void Window_counts_match_the_published_ETTh1_loaders(EttSplit split, int lookBack, int horizon, int expected)
    {
        Assert.Equal(expected, EttProtocol.WindowStarts(split, lookBack, horizon, EttH1Rows).Length);
    }

    [Fact]
    public void Test_windows_read_their_look_back_from_validation_rows_but_forecast_only_test_rows()
    {
        var starts = EttProtocol.WindowStarts(EttSplit.Test, 96, 96, EttH1Rows);

        Assert.Equal(11_520 - 96, starts[0]);
        Assert.Equal(14_400, starts[^1] + 96 + 96);
    }

    [Fact]
    public void A_table_shorter_than_the_protocol_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => EttProtocol.WindowStarts(EttSplit.Test, 96, 96, 10_000));
    }
}
