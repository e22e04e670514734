using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Tasks;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Inference;

/// <summary>
/// Forecasts with a trained forecast checkpoint. No torch types cross this API: inputs and outputs are spans in
/// raw units. Calls are serialised; each runs in eval mode under no_grad inside one dispose scope.
/// </summary>
public sealed class SeriesForecaster : IDisposable
{
    private readonly InferenceSession<ForecastModel> session;
    private readonly InputNormalizer historyNormalizer;

    private SeriesForecaster(InferenceSession<ForecastModel> session)
    {
        var config = session.Checkpoint.Config;
        this.session = session;
        Variables = session.Labels(config.Variables, "variable names", "variables");
        LookBack = config.LookBack;
        Horizon = config.Horizon;
        TrainingData = session.Checkpoint.Data;
        var history = session.Checkpoint.NormalizationFor(InputNames.History);
        if (history.Mean.Length is not 1 && history.Mean.Length != config.Variables)
        {
            throw new InvalidDataException(
                $"Checkpoint normalises '{InputNames.History}' with {history.Mean.Length} values; expected 1 or one per variable ({config.Variables}).");
        }

        historyNormalizer = session.Normalizer(InputNames.History, LookBack * config.Variables);
    }

    public int LookBack { get; }
    public int Horizon { get; }
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The data the checkpoint was trained on (file, hash, sampling interval, split); null for checkpoints
    /// written before it was recorded.</summary>
    public ForecastTrainingData? TrainingData { get; }

    /// <summary>Loads a forecast checkpoint onto "cpu", "cuda" or "cuda:N".</summary>
    public static SeriesForecaster Load(string checkpointPath, string device = "cpu") =>
        InferenceSession<ForecastModel>.Load(checkpointPath, device, ModelCheckpoint.LoadForecast, session => new SeriesForecaster(session));

    /// <param name="batch">Number of windows, at least 1.</param>
    /// <param name="history">[batch, LookBack, Variables] raw values, row-major.</param>
    /// <param name="calendar">[batch, LookBack + Horizon, 4] calendar codes (hour, weekday, day − 1, month − 1).</param>
    /// <param name="output">[batch, Horizon, Variables] raw values, written.</param>
    public void Forecast(int batch, ReadOnlySpan<float> history, ReadOnlySpan<int> calendar, Span<float> output)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        var fields = AtdConfig.CalendarCardinalities.Count;
        SpanTensors.RequireLength(history.Length, (long)batch * LookBack * Variables.Count, nameof(history), "batch × LookBack × Variables");
        SpanTensors.RequireLength(calendar.Length, (long)batch * (LookBack + Horizon) * fields, nameof(calendar), "batch × (LookBack + Horizon) × 4");
        SpanTensors.RequireLength(output.Length, (long)batch * Horizon * Variables.Count, nameof(output), "batch × Horizon × Variables");
        RequireCalendarCodes(calendar);

        using var call = session.Enter(this);
        var device = session.Device;
        var values = historyNormalizer.Normalise(
            SpanTensors.Upload(history, [batch, LookBack, Variables.Count], ScalarType.Float32, device));
        var codes = SpanTensors.Upload(calendar, [batch, LookBack + Horizon, fields], ScalarType.Int32, device).to(ScalarType.Int64);
        SpanTensors.Download(historyNormalizer.Denormalise(session.Model.forward(values, codes)), output);
    }

    public void Dispose() => session.Dispose();

    private static void RequireCalendarCodes(ReadOnlySpan<int> calendar)
    {
        var cardinalities = AtdConfig.CalendarCardinalities;
        for (var i = 0; i < calendar.Length; i++)
        {
            var field = i % cardinalities.Count;
            if ((uint)calendar[i] >= (uint)cardinalities[field])
            {
                throw new ArgumentException(
                    $"calendar[{i}] (field {field}) is {calendar[i]}; expected 0..{cardinalities[field] - 1}.", nameof(calendar));
            }
        }
    }
}
