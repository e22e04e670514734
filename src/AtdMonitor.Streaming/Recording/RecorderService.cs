using AtdMonitor.Streaming.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtdMonitor.Streaming.Recording;

/// <summary>
/// Writes paired windows and truth annotations to Parquet segments in <c>Recording:Directory</c>: one row group per
/// <c>Recording:RowGroupWindows</c> windows (or as many truth messages), a new segment past <c>Recording:MaxSegmentBytes</c> or
/// <c>Recording:SegmentDuration</c>. At shutdown it writes what is buffered and closes the segment.
/// </summary>
public sealed partial class RecorderService(RecordingChannel channel, IOptions<RecordingOptions> options, TimeProvider time, ILogger<RecorderService> logger) : BackgroundService
{
    private readonly RecordingOptions _options = options.Value;
    private readonly List<RecordingEntry> _entries = [];
    private int _bufferedWindows;
    private ParquetSegmentWriter? _segment;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var directory = Path.GetFullPath(_options.Directory);
        LogRecording(directory);
        try
        {
            while (await channel.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await TakeAvailableAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: the pipeline has drained into the channel before this service stops.
        }

        await TakeAvailableAsync(CancellationToken.None).ConfigureAwait(false);
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        if (_segment is not null)
        {
            await _segment.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task TakeAvailableAsync(CancellationToken cancellationToken)
    {
        while (channel.Reader.TryRead(out var entry))
        {
            _entries.Add(entry);
            if (entry.Window is not null)
            {
                _bufferedWindows++;
            }

            // Truth counts too: truth without windows (an ECG outage, or a publisher of truth alone) would otherwise pile up
            // in memory until windows came.
            if (_bufferedWindows >= _options.RowGroupWindows || _entries.Count - _bufferedWindows >= _options.RowGroupWindows)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_entries.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (_segment is not null && (_segment.Length >= _options.MaxSegmentBytes || now - _segment.Started >= _options.SegmentDuration))
        {
            await _segment.DisposeAsync().ConfigureAwait(false);
            _segment = null;
        }

        _segment ??= await ParquetSegmentWriter.CreateAsync(_options.Directory, now, cancellationToken).ConfigureAwait(false);
        await _segment.WriteAsync(_entries, cancellationToken).ConfigureAwait(false);
        _entries.Clear();
        _bufferedWindows = 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording paired windows to {Directory}")]
    private partial void LogRecording(string directory);
}
