using AtdMonitor.Streaming.Inference;

namespace AtdMonitor.Streaming.Tests.Inference;

public sealed class InferenceBacklogTests
{
    [Fact]
    public async Task A_consumer_waits_while_the_model_is_a_full_backlog_behind_and_resumes_when_it_catches_up()
    {
        var backlog = new InferenceBacklog(capacity: 10);
        backlog.Add(6);
        await backlog.WaitForRoomAsync(CancellationToken.None);
        backlog.Add(6);

        var waiting = backlog.WaitForRoomAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        backlog.Remove(6);
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(6, backlog.Pending);
    }

    [Fact]
    public async Task Waiting_for_room_stops_when_the_worker_stops()
    {
        var backlog = new InferenceBacklog(capacity: 1);
        backlog.Add(1);
        using var stopping = new CancellationTokenSource();

        var waiting = backlog.WaitForRoomAsync(stopping.Token).AsTask();
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
