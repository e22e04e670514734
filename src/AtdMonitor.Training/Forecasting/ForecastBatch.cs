using AtdMonitor.Data.Ett;
using static TorchSharp.torch;

namespace AtdMonitor.Training.Forecasting;

/// <summary>Reusable buffers that turn windows of an <see cref="EttWindows"/> into model tensors.</summary>
internal sealed class ForecastBatch
{
    private readonly EttWindows _windows;
    private readonly float[] _history;
    private readonly float[] _future;
    private readonly int[] _calendar;

    public ForecastBatch(EttWindows windows, int capacity)
    {
        _windows = windows;
        var variables = windows.Variables.Count;
        _history = new float[capacity * windows.LookBack * variables];
        _future = new float[capacity * windows.Horizon * variables];
        _calendar = new int[capacity * (windows.LookBack + windows.Horizon) * CalendarFeatures.Fields];
    }

    /// <summary>History [B, L, V] float32, calendar [B, L+H, 4] int64, future [B, H, V] float32 of <paramref name="windows"/>, on <paramref name="device"/>.</summary>
    public (Tensor History, Tensor Calendar, Tensor Future) Gather(ReadOnlySpan<int> windows, Device device)
    {
        int n = windows.Length, variables = _windows.Variables.Count, lookBack = _windows.LookBack, horizon = _windows.Horizon;
        _windows.Fill(windows, _history, _future, _calendar);
        return (
            tensor(_history.AsSpan(0, n * lookBack * variables).ToArray(), [n, lookBack, variables], device: device),
            tensor(_calendar.AsSpan(0, n * (lookBack + horizon) * CalendarFeatures.Fields).ToArray(), [n, lookBack + horizon, CalendarFeatures.Fields], device: device).to_type(ScalarType.Int64),
            tensor(_future.AsSpan(0, n * horizon * variables).ToArray(), [n, horizon, variables], device: device));
    }
}
