using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Inference;

/// <summary>Copies between caller spans and tensors (created in the caller's dispose scope).</summary>
internal static class SpanTensors
{
    /// <summary>A CPU tensor of <paramref name="shape"/> holding a copy of <paramref name="values"/>, moved to <paramref name="device"/>.</summary>
    public static Tensor Upload<T>(ReadOnlySpan<T> values, long[] shape, ScalarType type, Device device) where T : unmanaged
    {
        var host = empty(shape, type);
        host.data<T>().CopyFrom(values);
        return device.type == DeviceType.CPU ? host : host.to(device);
    }

    /// <summary>Copies a tensor (any device, float32) into <paramref name="destination"/>.</summary>
    public static void Download(Tensor values, Span<float> destination) =>
        values.cpu().contiguous().data<float>().CopyTo(destination);

    public static void RequireLength(int actual, long expected, string parameter, string layout)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{parameter} has {actual} values; expected {expected} ({layout}).", parameter);
        }
    }
}
