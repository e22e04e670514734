using AtdMonitor.Data.Recordings;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Pairing;
using Parquet;

namespace AtdMonitor.Streaming.Recording;

/// <summary>
/// One recording segment: a windows file and a truth file, written as <c>.partial</c> and renamed when closed
/// (a Parquet file is only readable once its footer is written). Each flush is one row group.
/// </summary>
public sealed class ParquetSegmentWriter : IAsyncDisposable
{
    private readonly string _windowsPath;
    private readonly string _truthPath;
    private readonly FileStream _windowsStream;
    private readonly ParquetWriter _windows;
    private FileStream? _truthStream;
    private ParquetWriter? _truth;

    private ParquetSegmentWriter(string windowsPath, string truthPath, FileStream windowsStream, ParquetWriter windows, DateTimeOffset started)
    {
        _windowsPath = windowsPath;
        _truthPath = truthPath;
        _windowsStream = windowsStream;
        _windows = windows;
        Started = started;
    }

    public DateTimeOffset Started { get; }

    /// <summary>Bytes written so far (both files).</summary>
    public long Length => _windowsStream.Length + (_truthStream?.Length ?? 0);

    public static async Task<ParquetSegmentWriter> CreateAsync(string directory, DateTimeOffset started, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var stamp = started.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        var windowsPath = Path.Combine(directory, RecordingSchema.WindowsPrefix + stamp + RecordingSchema.Extension);
        var truthPath = Path.Combine(directory, RecordingSchema.TruthPrefix + stamp + RecordingSchema.Extension);
        var stream = new FileStream(windowsPath + RecordingSchema.PartialSuffix, FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        var writer = await ParquetWriter.CreateAsync(RecordingSchema.Windows, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ParquetSegmentWriter(windowsPath, truthPath, stream, writer, started);
    }

    /// <summary>Window rows written so far.</summary>
    public long WindowRows { get; private set; }

    /// <summary>
    /// Writes <paramref name="entries"/> (in arrival order) as one windows row group and one truth row group; each truth
    /// row keeps the window row count at its arrival and its epoch, so the reader joins it to its own session.
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<RecordingEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var windows = new List<PairedWindow>();
        var truth = new List<(string Bed, TruthAnnotation Annotation, int? Epoch, long Arrival)>();
        foreach (var entry in entries)
        {
            if (entry.Window is { } window)
            {
                windows.Add(window);
            }

            if (entry.Truth is { } message)
            {
                truth.AddRange(message.Annotations.Select(a => (message.Bed, a, entry.TruthEpoch, WindowRows + windows.Count)));
            }
        }

        await WriteWindowsAsync(windows, cancellationToken).ConfigureAwait(false);
        await WriteTruthAsync(truth, cancellationToken).ConfigureAwait(false);
        WindowRows += windows.Count;
    }

    private async Task WriteWindowsAsync(List<PairedWindow> windows, CancellationToken cancellationToken)
    {
        if (windows.Count == 0)
        {
            return;
        }

        using var group = _windows.CreateRowGroup();
        await group.WriteAsync(RecordingSchema.Bed, windows.Select(w => w.Bed).ToList()).ConfigureAwait(false);
        await WriteColumnAsync(group, RecordingSchema.Sequence, windows.Select(w => w.Sequence).ToArray(), cancellationToken).ConfigureAwait(false);
        await WriteColumnAsync(group, RecordingSchema.FirstSampleTime, windows.Select(w => (w.Ecg.FirstSampleTime - DateTimeOffset.UnixEpoch).Ticks / 10).ToArray(), cancellationToken).ConfigureAwait(false);
        await WriteColumnAsync(group, RecordingSchema.SampleRate, windows.Select(w => w.Ecg.SampleRate).ToArray(), cancellationToken).ConfigureAwait(false);
        await WriteColumnAsync(group, RecordingSchema.Leads, windows.Select(w => w.Ecg.Leads).ToArray(), cancellationToken).ConfigureAwait(false);
        await WriteColumnAsync(group, RecordingSchema.SamplesPerLead, windows.Select(w => w.Ecg.SamplesPerLead).ToArray(), cancellationToken).ConfigureAwait(false);
        await group.WriteAsync(RecordingSchema.Samples, windows.Select(w => RecordingSchema.ToBytes(Millivolts(w.Ecg))).ToList()).ConfigureAwait(false);
        await WriteColumnAsync(group, RecordingSchema.ImageMissing, windows.Select(w => w.ImageMissing).ToArray(), cancellationToken).ConfigureAwait(false);
        await WriteColumnAsync(group, RecordingSchema.ImageRows, windows.Select(w => w.Image?.Rows ?? 0).ToArray(), cancellationToken).ConfigureAwait(false);
        await WriteColumnAsync(group, RecordingSchema.ImageColumns, windows.Select(w => w.Image?.Columns ?? 0).ToArray(), cancellationToken).ConfigureAwait(false);
        await group.WriteAsync(RecordingSchema.Image, windows.Select(w => w.Image is null ? [] : RecordingSchema.ToBytes(w.Image.Values)).ToList()).ConfigureAwait(false);
        await WriteColumnAsync(group, RecordingSchema.Epoch, windows.Select(w => w.Epoch).ToArray(), cancellationToken).ConfigureAwait(false);
        group.CompleteValidate();
    }

    private async Task WriteTruthAsync(List<(string Bed, TruthAnnotation Annotation, int? Epoch, long Arrival)> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (_truth is null)
        {
            _truthStream = new FileStream(_truthPath + RecordingSchema.PartialSuffix, FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
            _truth = await ParquetWriter.CreateAsync(RecordingSchema.Truth, _truthStream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        using var group = _truth.CreateRowGroup();
        await group.WriteAsync(RecordingSchema.TruthBed, rows.Select(r => r.Bed).ToList()).ConfigureAwait(false);
        await WriteColumnAsync(group, RecordingSchema.TruthSample, rows.Select(r => r.Annotation.Sample).ToArray(), cancellationToken).ConfigureAwait(false);
        await group.WriteAsync(RecordingSchema.TruthSymbol, rows.Select(r => r.Annotation.Symbol).ToList()).ConfigureAwait(false);
        await group.WriteAsync<int>(RecordingSchema.TruthEpoch, new ReadOnlyMemory<int?>([.. rows.Select(r => r.Epoch)]), null, null, cancellationToken).ConfigureAwait(false);
        await WriteColumnAsync(group, RecordingSchema.TruthArrival, rows.Select(r => r.Arrival).ToArray(), cancellationToken).ConfigureAwait(false);
        group.CompleteValidate();
    }

    /// <summary>Writes the footers and gives the files their final names.</summary>
    public async ValueTask DisposeAsync()
    {
        await _windows.DisposeAsync().ConfigureAwait(false);
        await _windowsStream.DisposeAsync().ConfigureAwait(false);
        File.Move(_windowsPath + RecordingSchema.PartialSuffix, _windowsPath, overwrite: true);
        if (_truth is not null && _truthStream is not null)
        {
            await _truth.DisposeAsync().ConfigureAwait(false);
            await _truthStream.DisposeAsync().ConfigureAwait(false);
            File.Move(_truthPath + RecordingSchema.PartialSuffix, _truthPath, overwrite: true);
        }
    }

    private static async Task WriteColumnAsync<T>(ParquetRowGroupWriter group, Parquet.Schema.DataField field, T[] values, CancellationToken cancellationToken)
        where T : struct =>
        await group.WriteAsync<T>(field, new ReadOnlyMemory<T>(values), null, null, cancellationToken).ConfigureAwait(false);

    private static float[] Millivolts(EcgWindow ecg) =>
        ecg.Units == EcgUnits.Microvolts ? ecg.Samples.Select(v => v * 0.001f).ToArray() : ecg.Samples;
}
