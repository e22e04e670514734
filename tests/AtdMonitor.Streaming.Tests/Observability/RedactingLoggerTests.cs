using AtdMonitor.Streaming.Observability;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Streaming.Tests.Observability;

public sealed partial class RedactingLoggerTests
{
    [Fact]
    public void The_message_the_structured_values_and_the_exception_text_are_all_redacted()
    {
        var inner = new CapturingLogger();
        var logger = new RedactingLogger(inner, new SecretRedactor(["tok-0123456789"]));

        LogWriting(logger, "http://user:password@influx:8086", new HttpRequestException("401 with token tok-0123456789"));

        var entry = Assert.Single(inner.Entries);
        Assert.Equal("Writing to http://user:***@influx:8086", entry.Message);
        Assert.Contains(entry.Values, pair => pair.Key == "Url" && (string?)pair.Value == "http://user:***@influx:8086");
        Assert.DoesNotContain("tok-0123456789", entry.Exception!.ToString(), StringComparison.Ordinal);
        Assert.Contains("HttpRequestException: 401 with token ***", entry.Exception.ToString(), StringComparison.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing to {Url}")]
    private static partial void LogWriting(ILogger logger, string url, Exception exception);

    private sealed class CapturingLogger : ILogger
    {
        public List<(string Message, IReadOnlyList<KeyValuePair<string, object?>> Values, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((formatter(state, exception), (IReadOnlyList<KeyValuePair<string, object?>>)state!, exception));
    }
}
