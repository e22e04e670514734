using AtdMonitor.Data.Ett;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Data.Tests.Ett;

public sealed class EttTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("atd-ett-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public void ETTh1_loads_with_7_variables_and_the_standard_split_sizes()
    {
        var table = EttTable.Load(Path.Combine(TestData.RequireEtt(), "ETTh1.csv"));

        Assert.Equal(["HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT"], table.Columns);
        Assert.Equal(17_420, table.RowCount);
        Assert.Equal(new DateTime(2016, 7, 1), table.Times[0]);
        Assert.Equal(new DateTime(2018, 6, 26, 19, 0, 0), table.Times[^1]);
        Assert.Equal(46.007f, table.Values[6].Max(), 3);

        var benchmark = EttBenchmark.Create(table, lookBack: 96, horizon: 96);
        Assert.Equal(new EttRange(0, 8640), benchmark.Split.Train);
        Assert.Equal(new EttRange(8640 - 96, 11_520), benchmark.Split.Validation);
        Assert.Equal(new EttRange(11_520 - 96, 14_400), benchmark.Split.Test);
        Assert.Equal(8640 - 96 - 96 + 1, benchmark.Train.Count);
        Assert.Equal(2880 - 96 + 1, benchmark.Validation.Count);
        Assert.Equal(2785, benchmark.Test.Count);
        Assert.Equal(7, benchmark.Train.Variables.Count);
    }

    [SkippableFact]
    public void Training_windows_are_z_normalised_with_training_statistics_only()
    {
        var table = EttTable.Load(Path.Combine(TestData.RequireEtt(), "ETTh1.csv"));
        var benchmark = EttBenchmark.Create(table, lookBack: 24, horizon: 1, EttMode.Univariate);
        var ot = table.IndexOf("OT");
        var train = table.Values[ot][..8640];
        Assert.Equal(train.Average(), benchmark.Scaler.Mean[ot], 3);

        // The first window's first step is row 0; the first test window's target is row 11,520.
        var history = new float[24];
        var future = new float[1];
        var calendar = new int[25 * CalendarFeatures.Fields];
        benchmark.Train.Fill([0], history, future, calendar);
        Assert.Equal(benchmark.Scaler.Normalise(ot, table.Values[ot][0]), history[0], 5);
        benchmark.Test.Fill([0], history, future, calendar);
        Assert.Equal(benchmark.Scaler.Normalise(ot, table.Values[ot][11_520]), future[0], 5);
        Assert.Equal(["OT"], benchmark.Test.Variables);
    }

    [Fact]
    public void Windows_are_copied_into_preallocated_buffers_with_calendar_features_per_step()
    {
        var path = Write("t.csv", "date,A,B\n" + string.Join('\n', Enumerable.Range(0, 30).Select(h =>
            $"{new DateTime(2024, 2, 28, 20, 0, 0).AddHours(h):yyyy-MM-dd HH:mm:ss},{h},{-h}.5")) + "\n");
        var table = EttTable.Load(path);
        var windows = new EttWindows(table, new EttRange(2, 30), lookBack: 4, horizon: 2);

        Assert.Equal(28 - 6 + 1, windows.Count);
        var history = new float[2 * 4 * 2];
        var future = new float[2 * 2 * 2];
        var calendar = new int[2 * 6 * 4];
        windows.Fill([0, 5], history, future, calendar);

        Assert.Equal([2, -2.5f, 3, -3.5f, 4, -4.5f, 5, -5.5f], history[..8]);
        Assert.Equal([11, -11.5f, 12, -12.5f], future[4..]);
        // Window 5 starts at row 7: 2024-02-29 03:00, a Thursday (weekday 3).
        Assert.Equal([3, 3, 28, 1], calendar[24..28]);
        // Its last step, row 12: 2024-02-29 08:00.
        Assert.Equal([8, 3, 28, 1], calendar[44..48]);
    }

    [Fact]
    public void Calendar_features_count_weekdays_from_Monday()
    {
        var features = new int[4];
        CalendarFeatures.Encode(new DateTime(2016, 7, 4, 23, 0, 0), features); // a Monday
        Assert.Equal([23, 0, 3, 6], features);
        CalendarFeatures.Encode(new DateTime(2018, 12, 31, 0, 0, 0), features);
        Assert.Equal([0, 0, 30, 11], features);
    }

    [Theory]
    [InlineData("time,A\n2020-01-01 00:00:00,1\n", "line 1: expected a header 'date,")]
    [InlineData("date,A,B\n2020-01-01 00:00:00,1,2\n2020-01-01 01:00:00,1\n", "line 3: expected 3 comma-separated fields")]
    [InlineData("date,A\n2020-01-01 00:00:00,1\n2020-13-01 00:00:00,1\n", "line 3: expected a time")]
    [InlineData("date,A,B\n2020-01-01 00:00:00,1,x\n", "line 2, column 'B': expected a finite number, found 'x'")]
    [InlineData("date,A\n2020-01-01 01:00:00,1\n2020-01-01 00:00:00,1\n", "line 3: time")]
    [InlineData("date,A\n", "no data rows")]
    public void A_bad_csv_is_refused_with_the_line_and_what_was_expected(string content, string message)
    {
        var path = Write("bad.csv", content);
        var error = Assert.Throws<EttFormatException>(() => EttTable.Load(path));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("bad.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_standard_split_needs_20_months_of_rows()
    {
        Assert.Throws<ArgumentException>(() => EttSplit.Standard(14_399, 96, TimeSpan.FromHours(1)));
        Assert.Equal(new EttRange(4 * 11_520 - 10, 4 * 14_400), EttSplit.Standard(69_680, 10, TimeSpan.FromMinutes(15)).Test);
    }

    [Fact]
    public void A_15_minute_file_is_split_into_the_same_12_4_4_months_as_an_hourly_one()
    {
        var start = new DateTime(2020, 1, 1);
        var table = EttTable.Load(SyntheticEtt.WriteQuarterHourly(Path.Combine(_directory, "quarter-hourly.csv")));
        var benchmark = EttBenchmark.Create(table, lookBack: 96, horizon: 96);

        Assert.Equal(TimeSpan.FromMinutes(15), table.Interval);
        Assert.Equal(new EttRange(0, 12 * 30 * 96), benchmark.Split.Train);
        Assert.Equal(start.AddDays(12 * 30), table.Times[benchmark.Split.Validation.End - (4 * 30 * 96)]);
        Assert.Equal(start.AddDays(16 * 30), table.Times[benchmark.Split.Test.Start + 96]);
        Assert.Equal(SyntheticEtt.QuarterHourlyRows, benchmark.Split.Test.End);
    }

    [Fact]
    public void Unevenly_spaced_rows_are_refused_with_the_line_and_the_file_interval()
    {
        var path = Write("gap.csv", "date,A\n2020-01-01 00:00:00,1\n2020-01-01 00:15:00,1\n2020-01-01 00:30:00,1\n2020-01-01 01:00:00,1\n");

        var error = Assert.Throws<EttFormatException>(() => EttTable.Load(path));

        Assert.EndsWith("gap.csv, line 5: time 2020-01-01 01:00:00 is 00:30:00 after the previous row; the file's interval (its first two rows) is 00:15:00: expected evenly spaced rows.", error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
