namespace AtdMonitor.Station.Web;

/// <summary>Counts the live streams against <c>Station:MaxClients</c>, and the ones closed because their browser stalled.</summary>
public sealed class StationClients(int capacity)
{
    private int _open;
    private long _stalled;

    public int Open => Volatile.Read(ref _open);

    public long Stalled => Interlocked.Read(ref _stalled);

    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _open) <= capacity)
        {
            return true;
        }

        Interlocked.Decrement(ref _open);
        return false;
    }

    public void Leave() => Interlocked.Decrement(ref _open);

    public void CountStalled() => Interlocked.Increment(ref _stalled);
}
