using AtdMonitor.Model.Configuration;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tests.Support;

/// <summary>
/// A two-modality task neither modality solves alone: the signal carries bit a (sign of a bump), the image
/// carries bit b (which half is bright), and the label is a XOR b. Each modality alone is at chance.
/// </summary>
internal static class XorTask
{
    public static AtdConfig Config(Variants.Variant variant) => TinyConfigs.Arrhythmia(variant) with
    {
        Classes = 2,
        Dropout = 0,
        ModalityDropout = 0,
    };

    /// <returns>signal [B, 32], rhythm [B, 4] (noise), image [B, 1, 8, 8], present [B] (all true), labels [B]</returns>
    public static (Tensor Signal, Tensor Rhythm, Tensor Image, Tensor Present, Tensor Labels) Batch(AtdConfig config, int batch, Generator generator)
    {
        var signalBit = randint(2, [batch], dtype: ScalarType.Int64, generator: generator);
        var imageBit = randint(2, [batch], dtype: ScalarType.Int64, generator: generator);
        var time = linspace(-1, 1, config.SignalLength);
        var bump = exp(-time.pow(2) * 20);
        var signal = (signalBit.to(ScalarType.Float32) * 2 - 1).unsqueeze(1) * bump
                     + randn([batch, config.SignalLength], generator: generator) * 0.3;
        var topHalf = arange(config.ImageRows).lt(config.ImageRows / 2).to(ScalarType.Float32).view(1, 1, -1, 1);
        var bright = where(imageBit.eq(1).view(-1, 1, 1, 1), topHalf, 1 - topHalf).expand(-1, 1, -1, config.ImageColumns);
        var image = bright + randn([batch, 1, config.ImageRows, config.ImageColumns], generator: generator) * 0.3;
        var rhythm = randn([batch, config.RhythmFeatures], generator: generator);
        return (signal, rhythm, image, ones(batch, dtype: ScalarType.Bool), signalBit.bitwise_xor(imageBit));
    }
}
