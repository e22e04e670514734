using static TorchSharp.torch;

namespace AtdMonitor.Model.Inference;

/// <summary>libtorch's intra-op thread pool is process-wide, so the host sets it once, before it loads models.</summary>
public static class TorchThreads
{
    /// <summary>Sets libtorch's intra-op threads; 0 keeps libtorch's default (one per core).</summary>
    public static void Apply(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        if (threads > 0)
        {
            set_num_threads(threads);
        }
    }
}
