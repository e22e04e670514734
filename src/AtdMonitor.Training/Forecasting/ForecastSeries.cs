using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Forecasting;

/// <summary>
/// A z-normalised multivariate series with its calendar codes, and the windows cut from it: window w reads
/// history rows <c>s .. s+LookBack−1</c> and forecasts rows <c>s+LookBack .. s+LookBack+Horizon−1</c>, where
/// s = <see cref="Starts"/>[w]. Windows are gathered on demand, so long horizons cost no extra memory.
/// </summary>
public sealed class ForecastSeries : IDisposable
{
    private readonly Tensor _values;
    private readonly Tensor _calendar;
    private readonly Tensor _historySteps;
    private readonly Tensor _futureSteps;
    private readonly Tensor _calendarSteps;

    /// <param name="values">[rows, variables] row-major, already z-normalised.</param>
    /// <param name="variables">Number of variables per row.</param>
    /// <param name="calendar">[rows, 4] row-major calendar codes.</param>
    /// <param name="starts">First history row of each window.</param>
    /// <param name="lookBack">History rows per window.</param>
    /// <param name="horizon">Forecast rows per window.</param>
    public ForecastSeries(float[] values, int variables, int[] calendar, int[] starts, int lookBack, int horizon)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(starts);
        var rows = values.Length / variables;
        if (calendar.Length != rows * 4)
        {
            throw new ArgumentException($"{rows} rows of values but {calendar.Length / 4} rows of calendar codes.", nameof(calendar));
        }

        if (starts.Any(s => s < 0 || s + lookBack + horizon > rows))
        {
            throw new ArgumentOutOfRangeException(nameof(starts), $"A window runs outside the {rows} rows (look-back {lookBack}, horizon {horizon}).");
        }

        Variables = variables;
        LookBack = lookBack;
        Horizon = horizon;
        Starts = starts;
        _values = tensor(values, [rows, variables]);
        _calendar = tensor(calendar.Select(c => (long)c).ToArray(), [rows, 4]);
        _historySteps = arange(lookBack, dtype: ScalarType.Int64);
        _futureSteps = arange(lookBack, lookBack + horizon, dtype: ScalarType.Int64);
        _calendarSteps = arange(lookBack + horizon, dtype: ScalarType.Int64);
    }

    public int Variables { get; }

    public int LookBack { get; }

    public int Horizon { get; }

    public IReadOnlyList<int> Starts { get; }

    public int Count => Starts.Count;

    /// <summary>The windows <paramref name="windows"/>: history [B, L, V], calendar [B, L+H, 4] int64, future [B, H, V].</summary>
    public (Tensor History, Tensor Calendar, Tensor Future) Gather(ReadOnlySpan<int> windows)
    {
        var starts = new long[windows.Length];
        for (var i = 0; i < windows.Length; i++)
        {
            starts[i] = Starts[windows[i]];
        }

        var origin = tensor(starts).unsqueeze(1);
        return (
            _values.index(origin + _historySteps),
            _calendar.index(origin + _calendarSteps),
            _values.index(origin + _futureSteps));
    }

    public void Dispose()
    {
        _values.Dispose();
        _calendar.Dispose();
        _historySteps.Dispose();
        _futureSteps.Dispose();
        _calendarSteps.Dispose();
    }
}
