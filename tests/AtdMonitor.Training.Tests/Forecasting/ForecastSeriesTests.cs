using AtdMonitor.Training.Forecasting;

namespace AtdMonitor.Training.Tests.Forecasting;

public sealed class ForecastSeriesTests
{
    [Fact]
    public void A_window_gathers_its_history_calendar_and_future_rows()
    {
        // 6 rows of 2 variables: row r holds (r, 10 r); calendar row r is (r, 0, 0, 0).
        var values = Enumerable.Range(0, 6).SelectMany(r => new[] { (float)r, 10f * r }).ToArray();
        var calendar = Enumerable.Range(0, 6).SelectMany(r => new[] { r, 0, 0, 0 }).ToArray();
        using var series = new ForecastSeries(values, 2, calendar, starts: [0, 2], lookBack: 2, horizon: 2);

        var (history, calendarCodes, future) = series.Gather([1]);

        Assert.Equal([1L, 2, 2], history.shape);
        Assert.Equal([2f, 20f, 3f, 30f], history.data<float>().ToArray());
        Assert.Equal([1L, 4, 4], calendarCodes.shape);
        Assert.Equal([2L, 3, 4, 5], calendarCodes.select(2, 0).data<long>().ToArray());
        Assert.Equal([4f, 40f, 5f, 50f], future.data<float>().ToArray());
    }

    [Fact]
    public void A_window_running_past_the_rows_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ForecastSeries(new float[8], 2, new int[16], starts: [1], lookBack: 2, horizon: 2));
    }
}
