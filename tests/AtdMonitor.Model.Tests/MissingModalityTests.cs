using AtdMonitor.Model.Tasks;
using AtdMonitor.Model.Tests.Support;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tests;

public sealed class MissingModalityTests
{
    [Fact]
    public void In_training_modality_dropout_replaces_present_images_by_the_missing_token()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(41);
        var config = TinyConfigs.Arrhythmia() with { Dropout = 0, ModalityDropout = 0.999999 };
        using var model = new ArrhythmiaModel(config);
        model.train();
        var (signal, rhythm, image, _) = RandomInputs.Arrhythmia(config, 8);

        var dropped = model.forward(signal, rhythm, image, ones(8, dtype: ScalarType.Bool));
        var missing = model.forward(signal, rhythm, image, zeros(8, dtype: ScalarType.Bool));

        Assert.True(dropped.allclose(missing, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void In_eval_mode_present_images_are_always_used()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(42);
        var config = TinyConfigs.Arrhythmia() with { ModalityDropout = 0.999999 };
        using var model = new ArrhythmiaModel(config);
        model.eval();
        var (signal, rhythm, image, _) = RandomInputs.Arrhythmia(config, 8);

        var present = model.forward(signal, rhythm, image, ones(8, dtype: ScalarType.Bool));
        var missing = model.forward(signal, rhythm, image, zeros(8, dtype: ScalarType.Bool));

        Assert.False(present.allclose(missing, rtol: 0, atol: 1e-4));
    }
}
