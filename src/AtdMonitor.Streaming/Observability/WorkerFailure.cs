namespace AtdMonitor.Streaming.Observability;

/// <summary>
/// Set when a part of the worker dies for a reason no bed caused (the Rx graph itself ended in error): <c>/readyz</c>
/// fails from then on, and <c>atd run</c> exits non-zero so systemd or Kubernetes restarts the process.
/// </summary>
public sealed class WorkerFailure
{
    private string? _reason;

    public string? Reason => Volatile.Read(ref _reason);

    public void Fail(string reason) => Interlocked.CompareExchange(ref _reason, reason, null);
}
