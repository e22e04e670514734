using System.Runtime.CompilerServices;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Tests.Support;

internal static class SingleThreadedTorch
{
    /// <summary>Tiny tensors on a shared 2-core machine: thread hand-offs cost more than they save.</summary>
#pragma warning disable CA2255 // a test assembly is the entry point here, not a library
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Configure() => set_num_threads(1);
}
