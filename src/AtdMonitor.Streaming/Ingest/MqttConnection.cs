using System.Buffers;
using System.Net.Sockets;
using AtdMonitor.Mqtt;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Protocol.Validation;
using AtdMonitor.Streaming.Configuration;
using AtdMonitor.Streaming.Health;
using AtdMonitor.Streaming.Sharding;
using AtdMonitor.Streaming.Sink;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace AtdMonitor.Streaming.Ingest;

/// <summary>
/// The worker's one MQTT client (MQTTnet 5 has no managed client, so the reconnect loop lives here): connects with
/// exponential back-off and jitter, subscribes to the input topics at QoS 1 after every (re)connect, copies each
/// received message into the <see cref="IngestChannels"/> without waiting, and publishes outbound messages.
/// Messages are acknowledged only when the <see cref="AcknowledgementLedger"/> releases them (their results are stored);
/// retained messages are ignored and counted: a retained window is old data, and a retained hostile one would poison
/// every restart. While connected it sends itself a <see cref="RoundTripProbe"/> through the broker every third of
/// <c>Mqtt:RoundTripTimeout</c>; when a probe is that late and nothing else came in meanwhile, it drops the connection
/// and the loop makes it again. A broker that refuses the probe's topic, or a connection whose first probe never comes
/// back, is logged as an error once and left to keep-alive: a connection is dropped only after it has proved it can
/// carry a probe. A QoS 1 publish whose PUBACK is lost (a probe sent after it came back well before) drops the connection
/// too.
/// </summary>
public sealed partial class MqttConnection : IAsyncDisposable
{
    /// <summary>How long a clean stop waits for the broker to confirm the acknowledgements sent before it.</summary>
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How often a wait for the connection looks again while the client has lost it but the loss is not yet told.</summary>
    private static readonly TimeSpan StaleSignalPoll = TimeSpan.FromMilliseconds(20);

    private readonly IMqttClient _client;
    private readonly MqttOptions _options;
    private readonly BrokerEndpoint _endpoint;
    private readonly IngestChannels _ingest;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttConnection> _logger;
    private readonly ShardAssignment _shards;
    private readonly DeadLetterOffice _deadLetters;
    private readonly AcknowledgementLedger _acknowledgements;
    private readonly PipelineMetrics _metrics;
    private readonly RoundTripProbe _roundTrip;
    private readonly string _roundTripTopic;
    private volatile bool _droppedForRoundTrip;
    private volatile bool _closing;
    private long _publishWaitingSinceTicks;
    private volatile TaskCompletionSource _connected = NewSignal();
    private TaskCompletionSource _disconnected = NewSignal();

    public MqttConnection(IOptions<MqttOptions> options, BrokerEndpoint endpoint, IngestChannels ingest, TimeProvider time, ILogger<MqttConnection> logger, ShardAssignment shards, DeadLetterOffice deadLetters,
        AcknowledgementLedger acknowledgements, PipelineMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _endpoint = endpoint;
        _ingest = ingest;
        _time = time;
        _logger = logger;
        _shards = shards;
        _deadLetters = deadLetters;
        _acknowledgements = acknowledgements;
        _metrics = metrics;
        _roundTrip = new RoundTripProbe(_options.RoundTripTimeout, time.GetUtcNow());
        _roundTripTopic = AtdTopics.RoundTrip(_options.ClientId);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageReceived;
        _client.DisconnectedAsync += OnDisconnected;
    }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Connected and subscribed to the input topics (readiness).</summary>
    public bool IsSubscribed => _connected.Task.IsCompleted && _client.IsConnected;

    /// <summary>Connects, and reconnects after every loss, until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new RetryBackoff(_options.ReconnectMinDelay, _options.ReconnectMaxDelay);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                _disconnected = NewSignal();
                var result = await _client.ConnectAsync(BuildClientOptions(), cancellationToken).ConfigureAwait(false);
                _roundTrip.Restart(_time.GetUtcNow());
                _droppedForRoundTrip = false;
                var probing = await SubscribeAsync(cancellationToken).ConfigureAwait(false);
                backoff.Reset();
                LogConnected(_endpoint.Host, _endpoint.Port, result.IsSessionPresent);
                _connected.TrySetResult();
                await WhileConnectedAsync(probing, cancellationToken).ConfigureAwait(false);
                ResetConnected();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Adapter.MqttConnectingFailedException or InvalidOperationException or OperationCanceledException)
            {
                ResetConnected();
                var delay = backoff.NextDelay();
                LogConnectFailed(_endpoint.Host, _endpoint.Port, delay.TotalMilliseconds, ex.Message);
                try
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Replaces the connected signal once the connection it announced is gone, and only a completed one: whoever waits on
    /// a pending one gets it completed by the next connection.
    /// </summary>
    private void ResetConnected()
    {
        var connected = _connected;
        if (connected.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _connected, NewSignal(), connected);
        }
    }

    /// <summary>Waits until the client is connected and subscribed.</summary>
    public async Task WaitConnectedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _connected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (_client.IsConnected)
            {
                return;
            }

            // Lost a moment ago: the signal is replaced once MQTTnet tells, on a thread of its own.
            await Task.Delay(StaleSignalPoll, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Publishes at QoS 1 and waits for the broker's PUBACK. MQTTnet waits for it without a limit of its own, so a PUBACK
    /// the broker never sends would hold every alert queued behind this message until the connection closes. The broker
    /// answers a connection's packets in order (mosquitto queues the PUBACK before anything it delivers later; MQTTnet's
    /// broker within a packet): once <c>Mqtt:RoundTripTimeout</c> has passed and a round-trip probe sent after this
    /// message came back at least one probe interval ago, the PUBACK is lost, not late. The connection is then dropped
    /// and made again, and the message, still queued by its caller, goes out on the new one (at least once: the broker
    /// may have it already). A slow broker delays the probe as much, so load alone does not drop the connection; a
    /// connection that carries no probes (the ACL refuses their topic) waits as MQTTnet does. A PUBACK whose MQTT 5
    /// reason code refuses the message (not authorised, quota exceeded, malformed) is a failure of this message alone, not a publish.
    /// </summary>
    /// <exception cref="PublishRefusedException">The broker refused the message; the connection is kept.</exception>
    /// <exception cref="MqttCommunicationException">Not connected, or the PUBACK was lost (the connection is being made again).</exception>
    public async Task PublishAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var application = new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(message.Payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var connection = _connected.Task;
        var publishing = StartPublish(application);

        // MQTTnet queues the packet on its first-come, first-served send lock before it returns, so every probe numbered
        // above this one goes out after the message.
        var probesBefore = _roundTrip.Sent;
        var interval = _roundTrip.Timeout / 3;
        var waited = TimeSpan.Zero;
        var probeCameBack = false;
        Volatile.Write(ref _publishWaitingSinceTicks, _time.GetUtcNow().UtcTicks);
        try
        {
            while (true)
            {
                MqttClientPublishResult result;
                try
                {
                    result = await publishing.WaitAsync(interval, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // One interval of grace after the probe is seen back: the PUBACK may be a packet behind it, or its
                    // completion still on its way to this task.
                    waited += interval;
                    var lost = probeCameBack;
                    probeCameBack = waited >= _roundTrip.Timeout && _roundTrip.HasReturnedAfter(probesBefore) && connection == _connected.Task;
                    if (!lost || !probeCameBack)
                    {
                        continue;
                    }

                    LogPublishUnacknowledged(message.Topic, waited.TotalSeconds);
                    await DropConnectionAsync().ConfigureAwait(false);
                    throw new MqttCommunicationTimedOutException();
                }

                if (!result.IsSuccess)
                {
                    throw new PublishRefusedException(result.ReasonCode, result.ReasonString);
                }

                return;
            }
        }
        finally
        {
            Volatile.Write(ref _publishWaitingSinceTicks, 0);
        }
    }

    /// <summary>
    /// Leaves the broker with every acknowledgement sent so far settled there, then disconnects. The broker handles a
    /// connection's packets in order, so its answer to a ping sent after the acknowledgements means it has them all.
    /// Without that answer the closing socket can take the last ones with it: the kernel resets a socket that is closed
    /// with input still unread (windows that arrive during the stop), and a reset makes the broker drop what it has not
    /// read yet; it would deliver those windows again to the next run.
    /// </summary>
    public async Task DisconnectAsync()
    {
        if (!_client.IsConnected)
        {
            return;
        }

        _closing = true;
        try
        {
            await ConfirmAcknowledgementsAsync().ConfigureAwait(false);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build()).ConfigureAwait(false);
        }
        catch (MqttCommunicationException)
        {
            // The broker went away before the client noticed: there is no session left to close politely.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        _client.Dispose();
    }

    /// <summary>True once a probe of the current connection has come back through the broker.</summary>
    public bool IsRoundTripConfirmed => _roundTrip.HasCompletedARoundTrip;

    /// <summary>
    /// Diagnostics: the current connection's round-trip probes sent and the highest number back, the messages that came in
    /// on the round-trip topic (all connections), and when anything last came in.
    /// </summary>
    public (long Sent, long Back, long Echoes, DateTimeOffset LastInbound) RoundTripProbes => (_roundTrip.Sent, _roundTrip.HighestReturned, _roundTrip.Echoes, _roundTrip.LastInbound);

    /// <summary>Diagnostics: when the publish now waiting for its PUBACK started, or null when none waits.</summary>
    public DateTimeOffset? PublishWaitingSince => Volatile.Read(ref _publishWaitingSinceTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Waits until the connection is lost, probing its round trip meanwhile when <paramref name="probe"/> (the broker took the subscription).</summary>
    private async Task WhileConnectedAsync(bool probe, CancellationToken cancellationToken)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var probing = probe ? ProbeRoundTripsAsync(connection.Token) : Task.CompletedTask;
        try
        {
            // MQTTnet raises DisconnectedAsync on a thread of its own, so the event of an earlier connection can arrive
            // while this one was being made: a signal while the client is connected is re-armed and waited for again.
            // Re-armed before the check, so a disconnect in between either completes the new signal or fails the check.
            await _disconnected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                // A full fence: the status read below cannot move before this write.
                Interlocked.Exchange(ref _disconnected, NewSignal());
                if (!_client.IsConnected)
                {
                    break;
                }

                await _disconnected.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await connection.CancelAsync().ConfigureAwait(false);
            await probing.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends a probe every third of the timeout and drops the connection when one is overdue (checked on each tick, so with
    /// half a tick's tolerance). Never throws but for cancellation: a failure here must not take the connect loop down.
    /// </summary>
    private async Task ProbeRoundTripsAsync(CancellationToken cancellationToken)
    {
        var interval = _roundTrip.Timeout / 3;
        using var timer = new PeriodicTimer(interval, _time);
        try
        {
            do
            {
                var now = _time.GetUtcNow();
                if (_roundTrip.IsOverdue(now, interval / 2))
                {
                    if (_roundTrip.HasCompletedARoundTrip)
                    {
                        LogRoundTripFailed(_roundTrip.Timeout.TotalSeconds);
                        await DropConnectionAsync().ConfigureAwait(false);
                        return;
                    }

                    // No probe of this connection came back: the broker may refuse the topic. Probing stops, so that
                    // keep-alive, which pings only when nothing has been sent for a while, watches the connection again.
                    LogRoundTripUnconfirmed(_roundTripTopic, _roundTrip.Timeout.TotalSeconds, AtdTopics.RoundTrip("+"));
                    return;
                }

                await SendProbeAsync(now, interval, cancellationToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The connection ended (or the worker stops): nothing left to probe.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogProbingStopped(ex.Message);
        }
    }

    /// <summary>
    /// Publishes the next probe (QoS 0), waiting at most <paramref name="limit"/>: a probe that cannot be sent stays
    /// outstanding, so a stuck connection turns overdue (<see cref="StartPublish"/>: abandoned, never cancelled).
    /// </summary>
    private async Task SendProbeAsync(DateTimeOffset now, TimeSpan limit, CancellationToken cancellationToken)
    {
        var probe = new MqttApplicationMessageBuilder()
            .WithTopic(_roundTripTopic)
            .WithPayload(_roundTrip.Next(now))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
            .Build();
        try
        {
            await StartPublish(probe).WaitAsync(limit, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Not sent in time: it counts as outstanding.
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException)
        {
            // The connection is going away; the disconnect ends the probing.
        }
    }

    /// <summary>
    /// Starts a publish that is never cancelled, only abandoned (half a packet would corrupt the stream for every packet
    /// after it); the disconnect ends it, and its failure is observed here.
    /// </summary>
    private Task<MqttClientPublishResult> StartPublish(MqttApplicationMessage message)
    {
        var publishing = _client.PublishAsync(message, CancellationToken.None);
        _ = publishing.ContinueWith(static sent => sent.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return publishing;
    }

    /// <summary>
    /// Closes a connection whose round trip failed, counted, without waiting for a broker that may not answer; the
    /// disconnect restarts the connect loop.
    /// </summary>
    private async Task DropConnectionAsync()
    {
        _metrics.CountRoundTripFailure();
        _droppedForRoundTrip = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1), _time);
        try
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.UnspecifiedError).Build(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or MqttCommunicationException or InvalidOperationException)
        {
            // The DISCONNECT could not be sent; the client has closed its socket all the same.
        }
    }

    private MqttClientOptions BuildClientOptions()
    {
        // The socket's buffers are the kernel's, not MQTTnet's 8 KB, or a flood to the worker can crawl at 30 KB/s with
        // every PUBACK behind it (KernelSizedTcpStreamProvider). It closes normally: MQTTnet's default (linger 0) resets
        // it, which discards what the broker has not read yet: the DISCONNECT, and the last acknowledgements if they were
        // not confirmed.
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_endpoint.Host, _endpoint.Port)
            .WithStreamProvider(new KernelSizedTcpStreamProvider(new LingerOption(enable: false, seconds: 0)))
            .WithClientId(_options.ClientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithReceiveMaximum(ushort.MaxValue)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithCleanStart(_options.CleanSession)
            .WithSessionExpiryInterval(_options.CleanSession ? 0 : (uint)_options.SessionExpiry.TotalSeconds);
        if (!string.IsNullOrEmpty(_options.Username))
        {
            builder = builder.WithCredentials(_options.Username, _options.Password);
        }

        builder = builder.WithTls(new MqttTlsSettings
        {
            UseTls = _options.UseTls,
            AllowUntrustedCertificates = _options.AllowUntrustedCertificates,
            CaCertificateFile = _options.CaCertificateFile,
            ClientCertificateFile = _options.ClientCertificateFile,
            ClientKeyFile = _options.ClientKeyFile,
        });

        return builder.Build();
    }

    private async Task ConfirmAcknowledgementsAsync()
    {
        using var timeout = new CancellationTokenSource(ConfirmTimeout);
        try
        {
            await _client.PingAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or MqttCommunicationTimedOutException)
        {
            LogAcknowledgementsUnconfirmed(ConfirmTimeout.TotalSeconds);
        }
    }

    /// <summary>Subscribes to the input topics (QoS 1) and to the round-trip topic (QoS 0); true when the broker took the latter.</summary>
    private async Task<bool> SubscribeAsync(CancellationToken cancellationToken)
    {
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in _shards.InputFilters)
        {
            subscribe = subscribe.WithTopicFilter(f => f.WithTopic(filter)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainHandling(MqttRetainHandling.DoNotSendOnSubscribe));
        }

        subscribe = subscribe.WithTopicFilter(f => f.WithTopic(_roundTripTopic)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
            .WithRetainHandling(MqttRetainHandling.DoNotSendOnSubscribe));
        var result = await _client.SubscribeAsync(subscribe.Build(), cancellationToken).ConfigureAwait(false);
        var roundTrip = result.Items.FirstOrDefault(item => string.Equals(item.TopicFilter.Topic, _roundTripTopic, StringComparison.Ordinal));
        if (roundTrip is { ResultCode: > MqttClientSubscribeResultCode.GrantedQoS2 })
        {
            LogRoundTripRefused(_roundTripTopic, roundTrip.ResultCode.ToString(), AtdTopics.RoundTrip("+"));
            return false;
        }

        return true;
    }

    private Task OnMessageReceived(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        var now = _time.GetUtcNow();
        if (string.Equals(message.Topic, _roundTripTopic, StringComparison.Ordinal))
        {
            _roundTrip.Returned(message.Payload, now);
            return Task.CompletedTask;
        }

        _roundTrip.Inbound(now);

        IMessageReceipt receipt = SettledReceipt.Instance;
        if (message.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
        {
            e.AutoAcknowledge = false;
            receipt = new MqttMessageReceipt(e);
        }

        _metrics.CountMessageIn();
        if (message.Retain)
        {
            _metrics.CountRetainedIgnored();
            _acknowledgements.ReleaseAfterFlush(receipt);
            return Task.CompletedTask;
        }

        var payload = message.Payload.ToArray();
        if (_shards.RefusalReason(message.Topic) is { } refusal)
        {
            _deadLetters.Reject(message.Topic, payload, now, refusal, receipt);
        }
        else if (!AtdTopics.TryParse(message.Topic, out var kind, out var id))
        {
            _deadLetters.Reject(message.Topic, payload, now, WireValidator.UnknownTopicReason(message.Topic), receipt);
        }
        else
        {
            _ingest.Enqueue(new ReceivedMessage(message.Topic, kind, id, payload, now, receipt));
        }

        return Task.CompletedTask;
    }

    private Task OnDisconnected(MqttClientDisconnectedEventArgs e)
    {
        // Read, with its state, before the check: a signal completed only after it belongs to a newer connection, and one
        // replaced meanwhile makes the exchange below do nothing.
        var connected = _connected;
        var announced = connected.Task.IsCompleted;
        if (!e.ClientWasConnected || _client.IsConnected)
        {
            // A connect that failed (the connect loop has its exception), or the late event of an earlier connection
            // while a newer one is up (MQTTnet raises the event on a thread of its own).
            return Task.CompletedTask;
        }

        // At once, so that whoever waits for the connection waits for the next one (the connect loop does the same when
        // it learns of the loss another way).
        if (announced)
        {
            Interlocked.CompareExchange(ref _connected, NewSignal(), connected);
        }

        if (!_droppedForRoundTrip && !_closing)
        {
            // A broker that closes the socket without a DISCONNECT leaves the reason at its default, "normal".
            LogDisconnected(e.Exception?.Message ?? (e.Reason == MqttClientDisconnectReason.NormalDisconnection ? "the broker closed the connection" : e.Reason.ToString()));
        }

        _disconnected.TrySetResult();
        return Task.CompletedTask;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT connected to {Host}:{Port} (session present: {SessionPresent})")]
    private partial void LogConnected(string host, int port, bool sessionPresent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT connect to {Host}:{Port} failed, retrying in {DelayMs:0} ms: {Reason}")]
    private partial void LogConnectFailed(string host, int port, double delayMs, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker did not confirm the last acknowledgements within {Seconds:0} s; it may deliver some stored windows again to the next run")]
    private partial void LogAcknowledgementsUnconfirmed(double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT round trip failed: a probe sent through the broker did not come back within {Seconds:0.#} s, and nothing else came in; dropping the connection to make it again")]
    private partial void LogRoundTripFailed(double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT round trip failed: the broker did not acknowledge a publish to {Topic} within {Seconds:0.#} s, though a probe sent after it came back; dropping the connection to make it again")]
    private partial void LogPublishUnacknowledged(string topic, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "MQTT round-trip probe on {Topic} has not come back within {Seconds:0.#} s of this connection: the broker may refuse publishing to it (grant the worker's user readwrite on {Pattern}, docs/SECURITY.md); probing stops and keep-alive alone watches this connection")]
    private partial void LogRoundTripUnconfirmed(string topic, double seconds, string pattern);

    [LoggerMessage(Level = LogLevel.Error, Message = "The broker refused the subscription to the round-trip topic {Topic} ({Code}): grant the worker's user readwrite on {Pattern} (docs/SECURITY.md); this connection is watched by keep-alive only")]
    private partial void LogRoundTripRefused(string topic, string code, string pattern);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT round-trip probing stopped for this connection: {Reason}")]
    private partial void LogProbingStopped(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT disconnected ({Reason}); reconnecting")]
    private partial void LogDisconnected(string reason);
}
