using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using AtdMonitor.Mqtt;
using AtdMonitor.Servers;
using MQTTnet;

namespace AtdMonitor.TestSupport;

/// <summary>A real mosquitto broker for one test (or one collection): a free loopback port, a temporary persistence
/// directory, optional TLS and password file. It can be stopped and started again mid-test on the same port with the
/// same persistence (sessions and queued QoS 1 messages survive a clean stop), or killed like a crash.</summary>
public sealed class MosquittoServer : IAsyncDisposable
{
    private const string PasswordTool = "/usr/bin/mosquitto_passwd";

    private readonly DirectoryInfo _directory;
    private readonly MosquittoProcessOptions _launch;
    private MosquittoProcess? _process;

    private MosquittoServer(DirectoryInfo directory, MosquittoProcessOptions launch, int? tlsPort, TestCertificates? certificates)
    {
        _directory = directory;
        _launch = launch;
        TlsPort = tlsPort;
        Certificates = certificates;
    }

    public static string Host => LoopbackPort.Host;

    /// <summary>The plain MQTT listener.</summary>
    public int Port => _launch.Port;

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
            var launch = new MosquittoProcessOptions
            {
                // Chosen once: a restart comes back on the same port.
                Port = LoopbackPort.FindFree(),
                MaxQueuedMessages = options.MaxQueuedMessages,
                PersistenceDirectory = directory.FullName,
                PasswordFile = options.Users.Count == 0 ? null : await WritePasswordFileAsync(directory.FullName, options.Users),
                Configuration = [.. Configuration(tlsPort, certificates, options.RequireClientCertificate), .. await AclConfigurationAsync(directory.FullName, options.Acl)],
            };
            var server = new MosquittoServer(directory, launch, tlsPort, certificates);
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
        _process = await MosquittoProcess.StartAsync(_launch);
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

        // Buffers left to the kernel as the worker's are: with MQTTnet's 8 KB a loaded test's subscriber can take
        // minutes over a flood (KernelSizedTcpStreamProvider). MQTTnet's linger (a reset on close) is kept.
        var socket = new KernelSizedTcpStreamProvider(new LingerOption(enable: true, seconds: 0));
        if (!useTls)
        {
            return builder.WithTcpServer(Host, Port).WithStreamProvider(socket);
        }

        var certificates = Certificates ?? throw new InvalidOperationException("This broker was started without TLS.");
        builder.WithTcpServer(Host, TlsPort!.Value).WithStreamProvider(socket);
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

    /// <summary>What the tests add to the shared launcher's configuration: autosave every second, a log of connections
    /// and refusals, and the TLS listener.</summary>
    private static IEnumerable<string> Configuration(int? tlsPort, TestCertificates? certificates, bool requireClientCertificate)
    {
        yield return "autosave_interval 1";
        yield return "log_type notice";
        yield return "log_type information";
        yield return "connection_messages true";
        if (certificates is null)
        {
            yield break;
        }

        yield return string.Create(CultureInfo.InvariantCulture, $"listener {tlsPort} {Host}");
        yield return $"cafile {certificates.CaCertificatePath}";
        yield return $"certfile {certificates.ServerCertificatePath}";
        yield return $"keyfile {certificates.ServerKeyPath}";
        yield return "tls_version tlsv1.2";
        yield return $"require_certificate {(requireClientCertificate ? "true" : "false")}";
    }

    private static async Task<IEnumerable<string>> AclConfigurationAsync(string directory, IReadOnlyList<string> acl)
    {
        if (acl.Count == 0)
        {
            return [];
        }

        var aclFile = Path.Combine(directory, "acl");
        await File.WriteAllLinesAsync(aclFile, acl);
        return [$"acl_file {aclFile}"];
    }

    private static async Task<string> WritePasswordFileAsync(string directory, IReadOnlyList<MqttCredentials> users)
    {
        var passwordFile = Path.Combine(directory, "passwords");
        await File.WriteAllTextAsync(passwordFile, string.Empty);
        foreach (var user in users)
        {
            // mosquitto_passwd -b adds or updates one user with a salted PBKDF2-SHA512 hash.
            using var tool = ChildProcess.Start(PasswordTool, ["-b", passwordFile, user.UserName, user.Password], directory);
            var exitCode = await tool.WaitForExitAsync(TimeSpan.FromSeconds(10));
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"mosquitto_passwd failed with exit code {exitCode}:{Environment.NewLine}{tool.OutputTail}");
            }
        }

        return passwordFile;
    }
}
