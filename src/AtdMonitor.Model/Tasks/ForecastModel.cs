using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Encoders;
using AtdMonitor.Model.Heads;
using AtdMonitor.Model.Numerics;
using AtdMonitor.Model.Variants;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tasks;

/// <summary>
/// Multi-horizon forecaster. Modality 1: the RevIN-normalised history as patches of P steps × all variables;
/// modality 2: the calendar of the look-back and the horizon, in patches of P steps. The fused tokens' head plus a
/// channel-independent linear forecast from the history (when the variant uses the history) is mapped back by RevIN.
/// </summary>
public sealed class ForecastModel : nn.Module<Tensor, Tensor, Tensor>, IAtdModel
{
    private readonly ReversibleInstanceNorm revin;
    private readonly SignalPatchEmbedding? historyEmbedding;
    private readonly CalendarEmbedding? calendarEmbedding;
    private readonly MissingModalityToken? calendarDropout;
    private readonly FusionBackbone backbone;
    private readonly ForecastHead head;
    private readonly LinearHistoryForecast? linearForecast;

    public ForecastModel(AtdConfig config) : base(nameof(ForecastModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Task != ModelTask.Forecast)
        {
            throw new ArgumentException($"ForecastModel needs Task = Forecast, got {config.Task}.", nameof(config));
        }

        config.Validate();
        Config = config;
        var d = config.ModelWidth;
        revin = new ReversibleInstanceNorm(config.Variables);
        backbone = new FusionBackbone(config);
        if (backbone.UsesFirst)
        {
            historyEmbedding = new SignalPatchEmbedding(config.LookBack, config.Variables, config.SignalPatch, d);
            linearForecast = new LinearHistoryForecast(config.LookBack, config.Horizon);
        }

        if (backbone.UsesSecond)
        {
            calendarEmbedding = new CalendarEmbedding(AtdConfig.CalendarCardinalities, config.LookBack + config.Horizon, config.SignalPatch, d);
            if (backbone.UsesFirst)
            {
                calendarDropout = new MissingModalityToken(d, config.ModalityDropout);
            }
        }

        head = new ForecastHead(config.MatchedTokens, d, config.Horizon, config.Variables, config.Dropout);
        RegisterComponents();
    }

    public AtdConfig Config { get; }

    /// <param name="history">[B, LookBack, Variables] (z-normalised per variable by the data layer)</param>
    /// <param name="calendar">[B, LookBack + Horizon, 4] int64 calendar codes</param>
    /// <returns>[B, Horizon, Variables] forecast in the scale of <paramref name="history"/></returns>
    public override Tensor forward(Tensor history, Tensor calendar)
    {
        var (normalised, mean, std) = revin.Normalise(history);
        var historyTokens = historyEmbedding?.forward(normalised);
        var calendarTokens = calendarEmbedding?.forward(calendar);
        if (training && calendarTokens is not null && calendarDropout is not null)
        {
            // The calendar is never missing, so only training drops it (modality dropout), which curbs its overfitting.
            calendarTokens = calendarDropout.forward(calendarTokens, ones(calendarTokens.shape[0], dtype: ScalarType.Bool, device: calendarTokens.device));
        }

        var forecast = head.forward(backbone.Forward(historyTokens, calendarTokens));
        if (linearForecast is not null)
        {
            forecast = forecast.Plus(linearForecast.forward(normalised));
        }

        return revin.Denormalise(forecast, mean, std);
    }
}
