using TorchSharp;
using static TorchSharp.torch;

namespace AtdMonitor.Model.Inference;

/// <summary>
/// One inference call in progress (see <see cref="InferenceSession{TModel}.Enter"/>). A ref struct, so that it cannot
/// be held across an <c>await</c>: the lock and the dispose scope are per thread.
/// </summary>
internal readonly ref struct InferenceCall
{
    private readonly Lock gate;
    private readonly IDisposable noGrad;
    private readonly DisposeScope scope;

    /// <param name="gate">Held by the caller; released by <see cref="Dispose"/>.</param>
    public InferenceCall(Lock gate)
    {
        this.gate = gate;
        noGrad = no_grad();
        scope = NewDisposeScope();
    }

    public void Dispose()
    {
        scope.Dispose();
        noGrad.Dispose();
        gate.Exit();
    }
}
