using System.Diagnostics.Metrics;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Pairing;
using Microsoft.Extensions.DependencyInjection;

namespace AtdMonitor.Streaming.Tests.Support;

/// <summary>A <see cref="PipelineMetrics"/> on a meter factory of its own, for tests that build parts without a host.</summary>
public sealed class TestMetrics : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public TestMetrics() => Pipeline = new PipelineMetrics(_services.GetRequiredService<IMeterFactory>(), new PairingCounters());

    public PipelineMetrics Pipeline { get; }

    public void Dispose() => _services.Dispose();
}
