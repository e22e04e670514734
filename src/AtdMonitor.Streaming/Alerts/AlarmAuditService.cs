using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>Writes each audited alarm command to the store (<c>alarm_command</c>); drains what is left at shutdown.</summary>
public sealed partial class AlarmAuditService(AlarmAuditChannel audits, IMeasurementSink sink, ILogger<AlarmAuditService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await audits.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await WriteAvailableAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await WriteAvailableAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task WriteAvailableAsync(CancellationToken cancellationToken)
    {
        while (audits.Reader.TryRead(out var audit))
        {
            LogCommand(audit.Source, audit.Operator, audit.Action, audit.Bed, audit.Alarm, audit.Outcome, audit.Reason);
            try
            {
                await sink.WriteAlarmCommandAsync(audit, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InfluxDB.Client.Core.Exceptions.InfluxException)
            {
                LogSinkFailed(audit.Bed, audit.Alarm, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm command from {Source}: {Operator} {Action} {Bed} {Alarm}: {Outcome} ({Reason})")]
    private partial void LogCommand(string source, string @operator, AlarmAction action, string bed, string alarm, AlarmCommandStatus outcome, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the audit of an alarm command for {Bed} {Alarm} to the store failed")]
    private partial void LogSinkFailed(string bed, string alarm, Exception exception);
}
