using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MQTTnet;

namespace AtdMonitor.Integration.Tests.Servers;

/// <summary>A real mosquitto broker for one test (or one collection): a free loopback port, a temporary config and
/// persistence directory, optional TLS and password file. It can be stopped and started again mid-test on the same
/// port with the same persistence (sessions and queued QoS 1 messages survive a clean stop), or killed like a crash.</summary>
public sealed class MosquittoServer : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/mosquitto";
    private const string PasswordTool = "/usr/bin/mosquitto_passwd";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly DirectoryInfo _directory;
    private readonly string _configPath;
    private ChildProcess? _process;

    private MosquittoServer(MosquittoServerOptions options, DirectoryInfo directory, int port, int? tlsPort, TestCertificates? certificates)
    {
        Options = options;
        _directory = directory;
        _configPath = Path.Combine(directory.FullName, "mosquitto.conf");
        Port = port;
        TlsPort = tlsPort;
        Certificates = certificates;
    }

    public MosquittoServerOptions Options { get; }

    public static string Host => LoopbackPort.Host;

    /// <summary>The plain MQTT listener.</summary>
    public int Port { get; }

    /// <summary>The TLS listener, when <see cref="MosquittoServerOptions.Tls"/> is set.</summary>
    public int? TlsPort { get; }

    /// <summary>The run's CA, server and client certificates, when TLS is on.</summary>
    public TestCertificates? Certificates { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Everything mosquitto logged lately (connections, refusals, errors).</summary>
    public string OutputTail => _process?.OutputTail ?? string.Empty;

    public static async Task<MosquittoServer> StartAsync(MosquittoServerOptions? options = null)
    {
        options ??= new MosquittoServerOptions();
        var directory = Directory.CreateTempSubdirectory("atd-mosquitto-");
        try
        {
            var certificates = options.Tls ? TestCertificates.Create(directory.FullName, "atd-worker") : null;
            int? tlsPort = options.Tls ? LoopbackPort.FindFree() : null;
            var server = new MosquittoServer(options, directory, LoopbackPort.FindFree(), tlsPort, certificates);
            await server.WriteConfigurationAsync();
            await server.LaunchAsync();
            return server;
        }
        catch
        {
            directory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Starts the broker again after <see cref="StopAsync"/> or <see cref="Kill"/>: same ports, same persistence.</summary>
    public Task StartAgainAsync() => LaunchAsync();

    private async Task LaunchAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("mosquitto is already running.");
        }

        _process?.Dispose();
        _process = ChildProcess.Start(Executable, ["-c", _configPath], _directory.FullName);
        await LoopbackPort.WaitUntilAcceptingAsync(Port, _process, "mosquitto", StartTimeout);
        if (TlsPort is { } tlsPort)
        {
            await LoopbackPort.WaitUntilAcceptingAsync(tlsPort, _process, "mosquitto (TLS)", StartTimeout);
        }
    }

    /// <summary>A clean shutdown (SIGTERM): mosquitto writes its persistence file, clients see the connection drop.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync();
        }
    }

    /// <summary>A crash (SIGKILL): only what the last autosave (every second) wrote survives.</summary>
    public void Kill() => _process?.Kill();

    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync();
    }

    /// <summary>Client options for this broker: plain or TLS (trusting the run's CA, checking the host name),
    /// optionally with credentials and the client certificate. Callers add session settings.</summary>
    public MqttClientOptionsBuilder CreateClientOptions(string clientId, MqttCredentials? credentials = null, bool useTls = false, bool withClientCertificate = false)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithClientId(clientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (credentials is { } user)
        {
            builder.WithCredentials(user.UserName, user.Password);
        }

        if (!useTls)
        {
            return builder.WithTcpServer(Host, Port);
        }

        var certificates = Certificates ?? throw new InvalidOperationException("This broker was started without TLS.");
        builder.WithTcpServer(Host, TlsPort!.Value);
        return builder.WithTlsOptions(tls =>
        {
            tls.UseTls()
                .WithTargetHost("localhost")
                .WithTrustChain([certificates.LoadCa()])
                .WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);
            if (withClientCertificate)
            {
                tls.WithClientCertificates([ExportableClientCertificate(certificates)]);
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync();
            _process.Dispose();
        }

        _directory.Delete(recursive: true);
    }

    private static X509Certificate2 ExportableClientCertificate(TestCertificates certificates)
    {
        // SslStream on Linux wants a certificate whose key came from a PKCS#12 store, not an ephemeral PEM key.
        using var fromPem = certificates.LoadClientCertificate();
        return X509CertificateLoader.LoadPkcs12(fromPem.Export(X509ContentType.Pkcs12), password: null);
    }

    private async Task WriteConfigurationAsync()
    {
        var config = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"user {Environment.UserName}")
            .AppendLine("per_listener_settings false")
            .AppendLine("persistence true")
            .AppendLine(CultureInfo.InvariantCulture, $"persistence_location {_directory.FullName}/")
            .AppendLine("autosave_interval 1")
            .AppendLine(CultureInfo.InvariantCulture, $"max_queued_messages {Options.MaxQueuedMessages}")
            .AppendLine("set_tcp_nodelay true")
            .AppendLine("log_dest stdout")
            .AppendLine("log_type error")
            .AppendLine("log_type warning")
            .AppendLine("log_type notice")
            .AppendLine("log_type information")
            .AppendLine("connection_messages true");

        if (Options.Users.Count == 0)
        {
            config.AppendLine("allow_anonymous true");
        }
        else
        {
            var passwordFile = Path.Combine(_directory.FullName, "passwords");
            await WritePasswordFileAsync(passwordFile);
            config.AppendLine("allow_anonymous false")
                .AppendLine(CultureInfo.InvariantCulture, $"password_file {passwordFile}");
        }

        config.AppendLine(CultureInfo.InvariantCulture, $"listener {Port} {Host}");
        if (Certificates is { } certificates)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"listener {TlsPort} {Host}")
                .AppendLine(CultureInfo.InvariantCulture, $"cafile {certificates.CaCertificatePath}")
                .AppendLine(CultureInfo.InvariantCulture, $"certfile {certificates.ServerCertificatePath}")
                .AppendLine(CultureInfo.InvariantCulture, $"keyfile {certificates.ServerKeyPath}")
                .AppendLine("tls_version tlsv1.2")
                .AppendLine(CultureInfo.InvariantCulture, $"require_certificate {(Options.RequireClientCertificate ? "true" : "false")}");
        }

        await File.WriteAllTextAsync(_configPath, config.ToString());
    }

    private async Task WritePasswordFileAsync(string passwordFile)
    {
        await File.WriteAllTextAsync(passwordFile, string.Empty);
        foreach (var user in Options.Users)
        {
            // mosquitto_passwd -b adds or updates one user with a salted PBKDF2-SHA512 hash.
            using var tool = ChildProcess.Start(PasswordTool, ["-b", passwordFile, user.UserName, user.Password], _directory.FullName);
            var exitCode = await tool.WaitForExitAsync(TimeSpan.FromSeconds(10));
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"mosquitto_passwd failed with exit code {exitCode}:{Environment.NewLine}{tool.OutputTail}");
            }
        }
    }
}
