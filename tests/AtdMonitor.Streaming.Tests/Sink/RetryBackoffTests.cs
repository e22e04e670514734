using AtdMonitor.Streaming.Sink;

namespace AtdMonitor.Streaming.Tests.Sink;

public sealed class RetryBackoffTests
{
    [Fact]
    public void Delays_double_up_to_the_maximum_within_twenty_percent_jitter_and_reset_after_a_success()
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), new Random(7));

        var delays = Enumerable.Range(0, 6).Select(_ => backoff.NextDelay().TotalMilliseconds).ToArray();

        double[] nominal = [100, 200, 400, 800, 1000, 1000];
        for (var i = 0; i < nominal.Length; i++)
        {
            Assert.InRange(delays[i], nominal[i] * 0.8, nominal[i] * 1.2);
        }

        backoff.Reset();
        Assert.InRange(backoff.NextDelay().TotalMilliseconds, 80, 120);
    }
}
