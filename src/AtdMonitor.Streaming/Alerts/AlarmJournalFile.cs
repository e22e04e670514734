using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>
/// The <see cref="IAlarmJournal"/> in one file of JSON lines (<c>Alerts:Alarms:JournalPath</c>): each line either
/// records a latched alarm's state (<c>{"record":{...}}</c>, the bed's newest line of a type wins) or forgets it
/// (<c>{"forget":{"bed":...,"type":...}}</c>). Each line is flushed to the disk before <see cref="Record"/> or
/// <see cref="Forget"/> returns, so a crash (kill -9, power) loses nothing recorded. The file is read and rewritten with
/// only the alarms it still holds (compacted) when it is opened, and again once more lines were appended since than twice
/// the alarms it holds plus <see cref="SlackLines"/>. Bounded: at most <c>maxEntries</c> alarms (the composition passes
/// <c>Pipeline:MaxBeds</c> × the alarm types of <c>Alerts:Alarms:Types</c>), so at most 3 × that plus
/// <see cref="SlackLines"/> lines of at most <see cref="MaxLineBytes"/> bytes; reading stops there. A line that cannot be
/// read (cut short by a crash, edited, corrupt) or whose values are out of bounds is logged as one error line and
/// skipped; the others are restored. An empty path keeps no journal. Thread-safe.
/// </summary>
public sealed partial class AlarmJournalFile : IAlarmJournal, IDisposable
{
    /// <summary>Longest line read; a record the worker writes is well under it (ids of 64, a message of 256 characters).</summary>
    public const int MaxLineBytes = 4096;

    /// <summary>Lines appended beyond twice the alarms held before the file is compacted.</summary>
    public const int SlackLines = 1024;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        MaxDepth = 4,
    };

    private readonly object _gate = new();
    /// <summary>Null when no journal is kept (none configured, or one that could be neither read nor set aside).</summary>
    private string? _path;
    private readonly int _maxEntries;
    private readonly ILogger<AlarmJournalFile> _logger;
    private readonly Dictionary<(string Bed, string Type), JournaledAlarm> _entries = [];
    private List<JournaledAlarm> _restored = [];
    private FileStream? _file;
    private FileStream? _lock;
    private bool _opened;
    /// <summary>True when the file may not hold what is in memory (it could not be opened, or a write failed part way):
    /// the next change rewrites it whole rather than appending after a partial line.</summary>
    private bool _damaged;
    private int _appendedLines;

    /// <param name="path">The journal file; empty keeps no journal.</param>
    /// <param name="maxEntries">Most alarms held (at least 1).</param>
    /// <param name="logger">Where unreadable lines and storage failures are reported.</param>
    public AlarmJournalFile(string path, int maxEntries, ILogger<AlarmJournalFile> logger)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        _path = path.Length == 0 ? null : Path.GetFullPath(path);
        _maxEntries = maxEntries;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Most lines the file holds, and reads: the alarms, twice as many appended lines, and the slack.</summary>
    private long MaxLines => (3L * _maxEntries) + SlackLines;

    public IReadOnlyList<JournaledAlarm> Restore()
    {
        lock (_gate)
        {
            Open();
            var restored = _restored;
            _restored = [];
            return restored;
        }
    }

    public void Record(JournaledAlarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        lock (_gate)
        {
            Open();
            if (_path is null)
            {
                return;
            }

            if (alarm.Problem() is { } problem)
            {
                LogNotRecorded(alarm.Bed, alarm.Type, problem);
                return;
            }

            var key = (alarm.Bed, alarm.Type);
            if (!HasRoomFor(key))
            {
                LogFull(alarm.Bed, alarm.Type, _maxEntries);
                return;
            }

            _entries[key] = alarm;
            Append(new JournalLine(Record: alarm));
        }
    }

    public void Forget(string bed, string type)
    {
        lock (_gate)
        {
            Open();
            if (_entries.Remove((bed, type)) && _path is not null)
            {
                Append(new JournalLine(Forget: new AlarmKey(bed, type)));
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
            _lock?.Dispose();
            _lock = null;
        }
    }

    /// <summary>Reads the file once, keeps what it holds for <see cref="Restore"/>, and rewrites it compacted (under the lock).</summary>
    private void Open()
    {
        if (_opened)
        {
            return;
        }

        _opened = true;
        if (_path is null)
        {
            LogOff();
            return;
        }

        try
        {
            if (!TryLock(_path))
            {
                return;
            }

            if (File.Exists(_path))
            {
                // May give up the journal (_path null) when the file can be neither read nor set aside.
                ReadOrSetAside(_path);
            }

            _restored = [.. _entries.Values];
            if (_path is not null)
            {
                Compact(_path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _damaged = true;
            LogStorageFailed(_path, ex);
        }
    }

    /// <summary>Holds <c>{path}.lock</c> exclusively while this journal is open (the kernel lets it go when the process
    /// dies): a second worker given the same file would otherwise compact it under the first, whose later lines would
    /// then go to a file no longer there. When another process holds it, this run keeps no journal and leaves the file alone.</summary>
    private bool TryLock(string path)
    {
        try
        {
            _lock = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _path = null;
            LogHeldElsewhere(path, ex);
            return false;
        }
    }

    /// <summary>Reads the file; when it cannot be read (permissions, a lock, an I/O error) it is renamed aside, kept for
    /// an operator, rather than overwritten by the next change with none of the alarms it holds. When it cannot even be
    /// renamed, this run keeps no journal (it would overwrite it).</summary>
    private void ReadOrSetAside(string path)
    {
        try
        {
            Read(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var aside = $"{path}.unreadable-{DateTime.UtcNow:yyyyMMdd'T'HHmmssfff'Z'}";
            try
            {
                File.Move(path, aside);
            }
            catch (Exception moveFailed) when (moveFailed is IOException or UnauthorizedAccessException)
            {
                _path = null;
                LogUnreadableKept(path, moveFailed);
                return;
            }

            LogUnreadableSetAside(path, aside, ex);
        }
    }

    private void Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var chunk = new byte[64 * 1024];
        var line = new byte[MaxLineBytes];
        var (length, tooLong, number, overBound) = (0, false, 0L, 0);
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            foreach (var b in chunk.AsSpan(0, read))
            {
                if (b != (byte)'\n')
                {
                    tooLong |= length == MaxLineBytes;
                    line[tooLong ? 0 : length++] = b;
                    continue;
                }

                if (++number > MaxLines)
                {
                    LogTooLong(path, MaxLines);
                    LogOverBound(path, overBound, _maxEntries);
                    return;
                }

                overBound += Apply(path, number, line.AsSpan(0, length), tooLong);
                (length, tooLong) = (0, false);
            }
        }

        if (length > 0 || tooLong)
        {
            // The last line without its line feed: a crash while it was written.
            overBound += Apply(path, number + 1, line.AsSpan(0, length), tooLong);
        }

        LogOverBound(path, overBound, _maxEntries);
    }

    /// <summary>Applies one line to the alarms held; returns 1 when it was a record beyond the bound, else 0.</summary>
    private int Apply(string path, long number, ReadOnlySpan<byte> text, bool tooLong)
    {
        if (text.IsEmpty && !tooLong)
        {
            return 0;
        }

        JournalLine? line;
        try
        {
            line = tooLong ? null : JsonSerializer.Deserialize<JournalLine>(text, Json);
        }
        catch (JsonException ex)
        {
            LogUnreadable(path, number, ex.Message);
            return 0;
        }

        var problem = line switch
        {
            null => tooLong ? $"longer than {MaxLineBytes} bytes" : "not a JSON object",
            { Record: { } record, Forget: null } => record.Problem(),
            { Record: null, Forget: not null } => null,
            _ => "must hold exactly one of record and forget",
        };
        if (problem is not null)
        {
            LogUnreadable(path, number, problem);
            return 0;
        }

        if (line!.Forget is { } forget)
        {
            _entries.Remove((forget.Bed, forget.Type));
            return 0;
        }

        var alarm = line.Record!;
        var key = (alarm.Bed, alarm.Type);
        if (!HasRoomFor(key))
        {
            return 1;
        }

        _entries[key] = alarm;
        return 0;
    }

    /// <summary>True when the bed's alarm of its type is held already, or the bound leaves room for one more.</summary>
    private bool HasRoomFor((string Bed, string Type) key) => _entries.ContainsKey(key) || _entries.Count < _maxEntries;

    private void Append(JournalLine line)
    {
        try
        {
            if (_damaged || _file is null)
            {
                Compact(_path!);
                return;
            }

            _file.Write(Encode(line));
            _file.Flush(flushToDisk: true);
            if (++_appendedLines > (2L * _entries.Count) + SlackLines)
            {
                Compact(_path!);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _damaged = true;
            LogStorageFailed(_path!, ex);
        }
    }

    /// <summary>Rewrites the file with one line per alarm held, through a file beside it renamed over it: a crash leaves
    /// the old file or the new one, each whole. Then keeps the new one open for appending.</summary>
    private void Compact(string path)
    {
        _file?.Dispose();
        _file = null;
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            foreach (var alarm in _entries.Values)
            {
                stream.Write(Encode(new JournalLine(Record: alarm)));
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        _appendedLines = 0;
        _damaged = false;
    }

    private static byte[] Encode(JournalLine line) => [.. JsonSerializer.SerializeToUtf8Bytes(line, Json), (byte)'\n'];

    private void LogOverBound(string path, int overBound, int max)
    {
        if (overBound > 0)
        {
            LogOverBoundRecords(path, overBound, max);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alerts:Alarms:JournalPath is empty: no alarm journal, so a restart loses every latched alarm not yet acknowledged")]
    private partial void LogOff();

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm journal {Path} line {Line} skipped, the other lines are restored: {Problem}")]
    private partial void LogUnreadable(string path, long line, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm journal {Path} is held by another process (another worker given the same Alerts:Alarms:JournalPath?): it is left alone, and this run keeps no journal, so a restart loses every latched alarm not yet acknowledged")]
    private partial void LogHeldElsewhere(string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm journal {Path} could not be read: its alarms are not restored; it is kept as {Aside} for an operator, and a new journal is started")]
    private partial void LogUnreadableSetAside(string path, string aside, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm journal {Path} could be neither read nor set aside: its alarms are not restored, and it is left as it is, so this run keeps no journal and a restart loses every latched alarm not yet acknowledged")]
    private partial void LogUnreadableKept(string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm journal {Path} is longer than {MaxLines} lines: the lines after that are not restored")]
    private partial void LogTooLong(string path, long maxLines);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm journal {Path}: {Count} alarms beyond its bound of {Max} (Pipeline:MaxBeds x alarm types) are not restored")]
    private partial void LogOverBoundRecords(string path, int count, int max);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm journal full ({Max} alarms, Pipeline:MaxBeds x alarm types): {Type} of {Bed} is shown but will not survive a restart")]
    private partial void LogFull(string bed, string type, int max);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Type} of {Bed} not journaled: {Problem}")]
    private partial void LogNotRecorded(string bed, string type, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm journal {Path} could not be written: latched alarms not yet acknowledged may not survive a restart until it can")]
    private partial void LogStorageFailed(string path, Exception exception);

    /// <summary>One line of the file: exactly one of its two fields is set.</summary>
    private sealed record JournalLine(JournaledAlarm? Record = null, AlarmKey? Forget = null);

    private sealed record AlarmKey(string Bed, string Type);
}
