using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Encoders;
using AtdMonitor.Model.Heads;
using AtdMonitor.Model.Numerics;
using AtdMonitor.Model.Variants;
using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tasks;

/// <summary>
/// Multi-horizon forecaster. Modality 1: the RevIN-normalised history as patches of P steps × all variables, or
/// (channel-independent) × one variable, each variable then a sample of its own; modality 2: the calendar of the
/// look-back and the horizon, in patches of P steps. The fused tokens' head plus a channel-independent linear forecast
/// from the history (when the variant uses the history) is mapped back by RevIN. With
/// <see cref="ForecastArchitecture.DLinear"/> the model is the DLinear reference alone; with
/// <see cref="ForecastArchitecture.RLinear"/> it is RevIN and the linear forecast alone. With
/// <see cref="AtdConfig.DailyCycle"/> a learned cycle, read at each step's calendar hour, is taken out of the normalised
/// history and put back into the forecast.
/// </summary>
public sealed class ForecastModel : nn.Module<Tensor, Tensor, Tensor>, IAtdModel
{
    private readonly ReversibleInstanceNorm? revin;
    private readonly SignalPatchEmbedding? historyEmbedding;
    private readonly CalendarEmbedding? calendarEmbedding;
    private readonly MissingModalityToken? calendarDropout;
    private readonly FusionBackbone? backbone;
    private readonly ForecastHead? head;
    private readonly LinearHistoryForecast? linearForecast;
    private readonly DecompositionLinearForecast? dlinear;
    private readonly LearnedDailyCycle? dailyCycle;

    public ForecastModel(AtdConfig config) : base(nameof(ForecastModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Task != ModelTask.Forecast)
        {
            throw new ArgumentException($"ForecastModel needs Task = Forecast, got {config.Task}.", nameof(config));
        }

        config.Validate();
        Config = config;
        if (config.ForecastArchitecture == ForecastArchitecture.DLinear)
        {
            dlinear = new DecompositionLinearForecast(config.LookBack, config.Horizon);
            RegisterComponents();
            return;
        }

        revin = new ReversibleInstanceNorm(config.Variables);
        if (config.DailyCycle)
        {
            dailyCycle = new LearnedDailyCycle(config.Variables);
        }

        if (config.ForecastArchitecture == ForecastArchitecture.RLinear)
        {
            linearForecast = new LinearHistoryForecast(config.LookBack, config.Horizon);
            RegisterComponents();
            return;
        }

        var d = config.ModelWidth;
        var tokenVariables = config.ChannelIndependent ? 1 : config.Variables;
        backbone = new FusionBackbone(config);
        if (backbone.UsesFirst)
        {
            historyEmbedding = new SignalPatchEmbedding(config.LookBack, tokenVariables, config.SignalPatch, d);
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

        head = new ForecastHead(config.MatchedTokens, d, config.Horizon, tokenVariables, config.Dropout);
        RegisterComponents();
    }

    public AtdConfig Config { get; }

    /// <param name="history">[B, LookBack, Variables] (z-normalised per variable by the data layer)</param>
    /// <param name="calendar">[B, LookBack + Horizon, 4] int64 calendar codes</param>
    /// <returns>[B, Horizon, Variables] forecast in the scale of <paramref name="history"/></returns>
    public override Tensor forward(Tensor history, Tensor calendar)
    {
        if (dlinear is not null)
        {
            return dlinear.forward(history);
        }

        var (normalised, mean, std) = revin!.Normalise(history);
        Tensor? futureCycle = null;
        if (dailyCycle is not null)
        {
            var lookBack = Config.LookBack;
            var hours = calendar.select(2, 0);
            normalised -= dailyCycle.forward(hours.narrow(1, 0, lookBack));
            futureCycle = dailyCycle.forward(hours.narrow(1, lookBack, Config.Horizon));
        }

        if (Config.ForecastArchitecture == ForecastArchitecture.RLinear)
        {
            return revin.Denormalise(WithCycle(linearForecast!.forward(normalised), futureCycle), mean, std);
        }

        var historyTokens = historyEmbedding?.forward(Config.ChannelIndependent ? PerVariable(normalised) : normalised);
        var calendarTokens = calendarEmbedding?.forward(calendar);
        if (training && calendarTokens is not null && calendarDropout is not null)
        {
            // The calendar is never missing, so only training drops it (modality dropout), which curbs its overfitting.
            calendarTokens = calendarDropout.forward(calendarTokens, ones(calendarTokens.shape[0], dtype: ScalarType.Bool, device: calendarTokens.device));
        }

        if (Config.ChannelIndependent && calendarTokens is not null)
        {
            // Every variable of a window shares the window's calendar.
            calendarTokens = calendarTokens.repeat_interleave(Config.Variables, 0);
        }

        var forecast = head!.forward(backbone!.Forward(historyTokens, calendarTokens));
        if (Config.ChannelIndependent)
        {
            // [B·V, H, 1] → [B, H, V]
            forecast = forecast.reshape(-1, Config.Variables, Config.Horizon).transpose(1, 2);
        }

        if (linearForecast is not null)
        {
            forecast = forecast.Plus(linearForecast.forward(normalised));
        }

        return revin.Denormalise(WithCycle(forecast, futureCycle), mean, std);
    }

    private static Tensor WithCycle(Tensor forecast, Tensor? futureCycle) => futureCycle is null ? forecast : forecast.Plus(futureCycle);

    /// <summary>[B, L, V] → [B·V, L, 1]: each variable's history as a sample of its own (variable fastest).</summary>
    private static Tensor PerVariable(Tensor history) => history.transpose(1, 2).reshape(-1, history.shape[1], 1);
}
