using Microsoft.Extensions.Logging;

namespace AtdMonitor.Streaming.Observability;

/// <summary>
/// One category's logger behind <see cref="RedactingLoggerProvider"/>: hands the inner logger a state whose values and
/// message are redacted (the JSON formatter writes both), and an exception whose text is, when it held a secret.
/// </summary>
public sealed class RedactingLogger(ILogger inner, SecretRedactor redactor) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        var message = redactor.Redact(formatter(state, exception));
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        var redactedState = new RedactedLogState(message, [.. values.Select(pair => new KeyValuePair<string, object?>(pair.Key, Redact(pair.Value)))]);
        inner.Log(logLevel, eventId, redactedState, Redact(exception), static (s, _) => s.Message);
    }

    private object? Redact(object? value) => value switch
    {
        null => null,
        string text => redactor.Redact(text),
        IFormattable or bool => value,
        _ when value.ToString() is { } text && !ReferenceEquals(redactor.Redact(text), text) => redactor.Redact(text),
        _ => value,
    };

    private Exception? Redact(Exception? exception)
    {
        if (exception is null)
        {
            return null;
        }

        var text = exception.ToString();
        var redacted = redactor.Redact(text);
        return ReferenceEquals(redacted, text) ? exception : new RedactedException(redacted, exception.GetType().FullName ?? "Exception");
    }
}
