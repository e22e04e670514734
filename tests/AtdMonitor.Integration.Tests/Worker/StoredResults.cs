using AtdMonitor.TestSupport;

namespace AtdMonitor.Integration.Tests.Worker;

/// <summary>What the worker wrote for a bed, read back from the store.</summary>
public static class StoredResults
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Waits (bounded) until at least <paramref name="expected"/> beats of the bed are stored; returns the R-peak
    /// sample of every stored beat point (the <c>sample</c> field of measurement <c>beat</c>), sorted, duplicates kept.</summary>
    public static async Task<IReadOnlyList<long>> BeatSamplesAsync(VictoriaMetricsServer store, string bed, int expected)
    {
        ArgumentNullException.ThrowIfNull(store);
        var series = await store.WaitForSamplesAsync($"beat_sample{{bed=\"{bed}\"}}", expected, Timeout);
        return series.SelectMany(s => s.Values).Select(v => (long)v).Order().ToList();
    }

    /// <summary>Stored alert events of the bed (measurement <c>alert</c>, field <c>value</c>), waiting for at least
    /// <paramref name="expected"/>; a trailing <c>*</c> in <paramref name="bed"/> matches every bed with that prefix.</summary>
    public static async Task<int> AlertCountAsync(VictoriaMetricsServer store, string bed, int expected)
    {
        ArgumentNullException.ThrowIfNull(store);
        var matcher = bed.EndsWith('*') ? $"bed=~\"{bed[..^1]}.*\"" : $"bed=\"{bed}\"";
        var series = await store.WaitForSamplesAsync($"alert_value{{{matcher}}}", expected, Timeout);
        return series.Sum(s => s.Values.Count);
    }
}
