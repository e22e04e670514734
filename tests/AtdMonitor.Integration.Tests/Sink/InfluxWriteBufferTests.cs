using System.Globalization;
using AtdMonitor.Integration.Tests.Support;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Logging.Abstractions;

namespace AtdMonitor.Integration.Tests.Sink;

/// <summary>The write buffer's policy against a store the test controls: bounded, retrying, alerts first and never dropped.</summary>
public sealed class InfluxWriteBufferTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly InfluxBufferOptions SmallBuffer = SmallBufferWith(batchSize: 100, flushInterval: TimeSpan.FromMilliseconds(20));

    [Fact]
    public async Task A_failed_write_is_retried_until_the_store_takes_it_and_nothing_is_lost()
    {
        var store = new ScriptedWriteTarget { State = ScriptedWriteTarget.StoreState.Down };
        await using var buffer = new InfluxWriteBuffer(store, SmallBuffer, NullLogger<InfluxWriteBuffer>.Instance);

        buffer.AddPredictions(Lines("beat", 500));
        await Eventually.Until(() => store.Attempts >= 3, Timeout, "three failed attempts");
        store.State = ScriptedWriteTarget.StoreState.Up;
        await buffer.FlushAsync(new CancellationTokenSource(Timeout).Token);

        Assert.Equal(Lines("beat", 500), store.Written);
        Assert.Equal((500L, 0, 0L), (buffer.Counters.Written, buffer.Counters.Buffered, buffer.Counters.DroppedPredictions));
        Assert.True(buffer.Counters.FailedWrites >= 3);
    }

    [Fact]
    public async Task A_full_buffer_drops_the_oldest_predictions_counts_them_and_keeps_every_alert()
    {
        var store = new ScriptedWriteTarget { State = ScriptedWriteTarget.StoreState.Down };
        await using var buffer = new InfluxWriteBuffer(store, SmallBuffer, NullLogger<InfluxWriteBuffer>.Instance);

        buffer.AddPredictions(Lines("beat", 3_000));
        foreach (var alert in Lines("alert", 1_500))
        {
            buffer.AddAlert(alert);
        }

        Assert.Equal(2_000, buffer.Counters.DroppedPredictions);
        store.State = ScriptedWriteTarget.StoreState.Up;
        await buffer.FlushAsync(new CancellationTokenSource(Timeout).Token);

        var written = store.Written.ToList();
        Assert.Equal(Lines("alert", 1_500), written.Where(l => l.StartsWith("alert", StringComparison.Ordinal)));
        Assert.Equal(Lines("beat", 3_000).TakeLast(1_000), written.Where(l => l.StartsWith("beat", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_batch_being_retried_is_kept_whole_and_the_oldest_predictions_queued_behind_it_are_dropped()
    {
        var store = new ScriptedWriteTarget { State = ScriptedWriteTarget.StoreState.Down };
        await using var buffer = new InfluxWriteBuffer(store, SmallBuffer, NullLogger<InfluxWriteBuffer>.Instance);
        var beats = Lines("beat", 2_100).ToList();

        buffer.AddPredictions(beats.Take(100));
        await Eventually.Until(() => store.Attempts >= 1, Timeout, "the first batch to be tried");
        buffer.AddPredictions(beats.Skip(100));
        store.State = ScriptedWriteTarget.StoreState.Up;
        await buffer.FlushAsync(new CancellationTokenSource(Timeout).Token);

        Assert.Equal(beats.Take(100).Concat(beats.TakeLast(900)), store.Written);
        Assert.Equal(1_100, buffer.Counters.DroppedPredictions);
    }

    [Fact]
    public async Task Alerts_are_written_before_predictions_that_were_queued_earlier()
    {
        var store = new ScriptedWriteTarget { State = ScriptedWriteTarget.StoreState.Down };
        await using var buffer = new InfluxWriteBuffer(store, SmallBufferWith(batchSize: 500, flushInterval: TimeSpan.FromMilliseconds(20)), NullLogger<InfluxWriteBuffer>.Instance);

        buffer.AddPredictions(Lines("beat", 10));
        buffer.AddAlert("alert,bed=b1 value=1 1");
        store.State = ScriptedWriteTarget.StoreState.Up;
        await buffer.FlushAsync(new CancellationTokenSource(Timeout).Token);

        Assert.StartsWith("alert", store.Written.First(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_the_store_rejects_as_malformed_is_counted_and_does_not_block_the_rest()
    {
        var store = new ScriptedWriteTarget { State = ScriptedWriteTarget.StoreState.RejectingInput };
        await using var buffer = new InfluxWriteBuffer(store, SmallBuffer, NullLogger<InfluxWriteBuffer>.Instance);

        buffer.AddPredictions(Lines("bad", 50));
        await Eventually.Until(() => buffer.Counters.Rejected == 50, Timeout, "the batch to be rejected");
        store.State = ScriptedWriteTarget.StoreState.Up;
        buffer.AddPredictions(Lines("good", 50));
        await buffer.FlushAsync(new CancellationTokenSource(Timeout).Token);

        Assert.Equal(Lines("good", 50), store.Written);
    }

    [Fact]
    public async Task A_flush_waits_for_what_was_queued_before_it_and_not_for_the_points_that_keep_arriving()
    {
        var store = new ScriptedWriteTarget();
        await using var buffer = new InfluxWriteBuffer(store, SmallBuffer, NullLogger<InfluxWriteBuffer>.Instance);
        var streaming = true;
        var streamed = 0;

        // A steady stream: every write the store takes, a new point is queued, so the buffer is never empty.
        store.AfterWrite = () =>
        {
            if (Volatile.Read(ref streaming))
            {
                streamed++;
                buffer.AddPredictions([string.Create(CultureInfo.InvariantCulture, $"stream,bed=b1 n={streamed} {streamed}")]);
            }
        };
        buffer.AddPredictions(Lines("beat", 500));
        try
        {
            await buffer.FlushAsync(new CancellationTokenSource(Timeout).Token);
        }
        finally
        {
            Volatile.Write(ref streaming, false);
        }

        Assert.Equal(Lines("beat", 500), store.Written.Where(l => l.StartsWith("beat", StringComparison.Ordinal)));
        Assert.True(streamed >= 5, $"{streamed} points streamed while the flush waited; each of the five batches should have added one");
    }

    [Fact]
    public async Task Stopping_writes_out_what_is_still_buffered()
    {
        var store = new ScriptedWriteTarget();
        var buffer = new InfluxWriteBuffer(store, SmallBufferWith(batchSize: 100, flushInterval: TimeSpan.FromMinutes(1)), NullLogger<InfluxWriteBuffer>.Instance);

        buffer.AddPredictions(Lines("beat", 10));
        await buffer.DisposeAsync();

        Assert.Equal(10, store.Written.Count);
    }

    private static InfluxBufferOptions SmallBufferWith(int batchSize, TimeSpan flushInterval) => new()
    {
        Capacity = 1_000,
        BatchSize = batchSize,
        FlushInterval = flushInterval,
        RetryMinDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
    };

    private static IEnumerable<string> Lines(string measurement, int count) =>
        Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{measurement},bed=b1 n={i} {i}"));
}
