using AtdMonitor.Protocol.Messages;
using AtdMonitor.Streaming.Ingest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Streaming.Alerts;

/// <summary>
/// Takes the alarm commands of <c>atd/v1/{bed}/command</c> from their own channel: each is admitted as every message is
/// (a reject goes to the dead-letter topic), executed by the alarm system (audited, and answered on the bed's alert
/// topic) and then released to the broker. Apart from the windows, so a nurse's acknowledgement waits neither for the
/// model nor behind every bed's windows, and is never shed with them.
/// </summary>
public sealed partial class AlarmCommandService(
    IngestChannels ingest,
    WireAdmission admission,
    IAlarmCommands alarmCommands,
    DeadLetterOffice deadLetters,
    AcknowledgementLedger acknowledgements,
    ILogger<AlarmCommandService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => ingest.Commands.Reader.ConsumeUntilStoppedAsync(Handle, stoppingToken);

    private void Handle(ReceivedMessage message)
    {
        try
        {
            if (admission.Admit(message) is not AlarmCommand command)
            {
                return;
            }

            if (alarmCommands.Execute(command, AlarmCommandSources.Mqtt) is { Status: AlarmCommandStatus.Invalid } refused)
            {
                deadLetters.Reject(message, refused.Reason);
            }
            else
            {
                acknowledgements.ReleaseAfterFlush(message.Receipt);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One command that fails must not stop the others, nor the worker; its sender hears of it.
            LogCommandFailed(message.Topic, ex);
            deadLetters.Reject(message, $"the command could not be carried out: {ex.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm command on {Topic} failed")]
    private partial void LogCommandFailed(string topic, Exception exception);
}
