namespace AtdMonitor.Streaming.Inference;

/// <summary>
/// Bounds the beats waiting for the inference thread. The bed channel's consumer waits while the model is more than
/// <c>Pipeline:MaxPendingBeats</c> behind, so a slow model pushes back on the bounded ingest channel (where the oldest
/// windows are dropped and counted) instead of growing an unbounded queue in front of the inference thread.
/// </summary>
public sealed class InferenceBacklog(int capacity)
{
    private readonly object _gate = new();
    private int _pending;
    private TaskCompletionSource? _room;

    /// <summary>Beats handed to the inference thread and not yet classified.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending;
            }
        }
    }

    public void Add(int beats)
    {
        lock (_gate)
        {
            _pending += beats;
        }
    }

    public void Remove(int beats)
    {
        TaskCompletionSource? room = null;
        lock (_gate)
        {
            _pending -= beats;
            if (_pending < capacity)
            {
                (room, _room) = (_room, null);
            }
        }

        room?.TrySetResult();
    }

    /// <summary>Completes at once while the backlog is under capacity, otherwise when the inference thread has caught up.</summary>
    public async ValueTask WaitForRoomAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task room;
            lock (_gate)
            {
                if (_pending < capacity)
                {
                    return;
                }

                _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                room = _room.Task;
            }

            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
