using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.TestSupport;

/// <summary>A logger provider that keeps every log entry, message and exception text included, for assertions
/// about what the worker logs (and what it must never log).</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    /// <summary>Every entry as one text: category, level, message and the full exception (stack and inner exceptions).</summary>
    public string AllText => string.Join(Environment.NewLine, _entries);

    public ILogger<T> For<T>() => new Logger<T>(new LoggerFactory([this]));

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
    }
}
