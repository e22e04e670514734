using System.Collections.Concurrent;
using System.Diagnostics;

namespace AtdMonitor.Servers;

/// <summary>The last lines a child process wrote to stdout and stderr, oldest first, for error messages.</summary>
internal sealed class ProcessOutputTail
{
    private const int Lines = 200;

    // Both streams' readers add at once.
    private readonly ConcurrentQueue<string> _lines = new();

    private ProcessOutputTail()
    {
    }

    /// <summary>Starts reading both redirected streams of a started <paramref name="process"/>.</summary>
    public static ProcessOutputTail Follow(Process process)
    {
        var tail = new ProcessOutputTail();
        process.OutputDataReceived += (_, e) => tail.Add(e.Data);
        process.ErrorDataReceived += (_, e) => tail.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return tail;
    }

    public override string ToString() => string.Join(Environment.NewLine, _lines);

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        while (_lines.Count > Lines)
        {
            _lines.TryDequeue(out _);
        }
    }
}
