using AtdMonitor.Model.Tasks;
using AtdMonitor.Model.Tests.Support;
using AtdMonitor.Model.Variants;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tests;

public sealed class BatchInvarianceTests
{
    public static TheoryData<Variant> Variants => TinyConfigs.AllVariants();

    [Theory]
    [MemberData(nameof(Variants))]
    public void The_forecaster_in_eval_mode_forecasts_a_window_alone_as_in_a_batch_of_256(Variant variant)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(15);
        var config = TinyConfigs.Forecast(variant);
        using var model = new ForecastModel(config);
        model.train();
        var (history, calendar) = RandomInputs.Forecast(config, 256);
        model.forward(history.mul(3).add(1), calendar); // moves the Guide's running statistics away from 0 and 1
        model.eval();

        var inBatch = model.forward(history, calendar);
        foreach (var index in new[] { 0, 100, 255 })
        {
            var alone = model.forward(history.narrow(0, index, 1), calendar.narrow(0, index, 1));
            Assert.True(alone.allclose(inBatch.narrow(0, index, 1), rtol: 0, atol: 1e-5));
        }
    }
}
