using System.Globalization;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Inference;

/// <summary>Parses the device names the configuration accepts: "cpu", "cuda" or "cuda:N".</summary>
public static class TorchDevice
{
    /// <summary>The device named; <see cref="ArgumentException"/> for another name, <see cref="InvalidOperationException"/> when CUDA is asked for but absent.</summary>
    public static Device Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == "cpu")
        {
            return CPU;
        }

        var isCuda = name == "cuda" || (name.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out _));
        if (!isCuda)
        {
            throw new ArgumentException($"Device '{name}' is not 'cpu', 'cuda' or 'cuda:N'.");
        }

        if (!cuda.is_available())
        {
            throw new InvalidOperationException(
                $"Device '{name}' was asked for but CUDA is not available (it needs a GPU and a CUDA libtorch: a build with -p:AtdTorchBackend=cuda, or PyTorch's lib folder on LD_LIBRARY_PATH).");
        }

        return new Device(name);
    }
}
