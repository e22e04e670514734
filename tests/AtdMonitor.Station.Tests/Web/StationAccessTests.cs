using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Station.Tests.Support;
using AtdMonitor.Station.Ward;
using AtdMonitor.Station.Web;
using AtdMonitor.Streaming.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace AtdMonitor.Station.Tests.Web;

/// <summary>Who may see the station and act on it: token, cookie, command header, read-only mode, limits, TLS.</summary>
public sealed class StationAccessTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/bed.html?bed=bed0001")]
    [InlineData("/api/ward")]
    [InlineData("/api/alarms")]
    [InlineData("/api/stream?beds=bed0001")]
    public async Task Every_page_and_endpoint_refuses_a_request_without_the_token(string path)
    {
        await using var station = await StationServer.StartAsync();
        using var anonymous = station.Client(token: null);
        using var wrong = station.Client(token: new string('f', 32));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Opening_a_page_with_the_token_sets_an_http_only_strict_cookie_and_reloads_without_the_token()
    {
        await using var station = await StationServer.StartAsync();
        using var browser = station.Client(token: null);

        using var first = await browser.GetAsync(new Uri($"/bed.html?bed=bed0001&token={StationWorker.Token}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/bed.html?bed=bed0001", first.Headers.Location!.OriginalString);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/bed.html?bed=bed0001");
        again.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var page = await browser.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<canvas id=\"long-strip\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_without_the_station_header_is_refused_even_with_the_token()
    {
        await using var station = await StationServer.StartAsync();
        using var client = station.Client();

        using var response = await client.PostAsync(new Uri("/api/alarms/acknowledge", UriKind.Relative), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(StationAccess.CommandHeader, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_acknowledgement_in_a_host_without_an_alarm_system_is_answered_503()
    {
        await using var station = await StationServer.StartAsync();
        using var client = station.Client();
        using var command = new HttpRequestMessage(HttpMethod.Post, "/api/alarms/acknowledge") { Content = JsonContent.Create(new { bed = "bed0001", type = "pause", @operator = "nurse.ana" }) };
        command.Headers.Add(StationAccess.CommandHeader, "1");

        using var response = await client.SendAsync(command);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task An_acknowledgement_naming_an_episode_older_than_the_one_on_the_board_is_refused_and_never_reaches_the_worker()
    {
        var commands = new Mock<IAlarmCommands>();
        commands.Setup(c => c.Execute(It.IsAny<AlarmCommand>(), AlarmCommandSources.Station))
            .Returns(new AlarmCommandOutcome(AlarmCommandStatus.Applied, "tachycardia acknowledged by nurse.ana.", null));
        await using var station = await StationServer.StartAsync(commands: commands.Object);
        var seen = DateTimeOffset.UtcNow.AddSeconds(-30);
        var onBoard = seen.AddSeconds(20);
        station.Feed.Publish(new AlertMessage("bed0001", onBoard, AlertTypes.Tachycardia, AlertState.Raise, "tachycardia", 130, AlarmPriority.Medium, Onset: onBoard));
        var ward = station.Host.Services.GetRequiredService<WardState>();
        Assert.True(await Eventually.HoldsAsync(() => ward.AlarmOnBoard("bed0001", AlertTypes.Tachycardia) is not null, TimeSpan.FromSeconds(10)));
        using var client = station.Client();

        using var older = await Acknowledge(client, seen);
        using var current = await Acknowledge(client, onBoard);

        Assert.Equal(HttpStatusCode.Conflict, older.StatusCode);
        Assert.Contains("look at it and acknowledge again", await older.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        commands.Verify(c => c.Execute(It.IsAny<AlarmCommand>(), AlarmCommandSources.Station), Times.Once);
    }

    [Fact]
    public async Task Without_a_token_the_station_can_be_read_on_loopback_but_not_acted_on()
    {
        await using var station = await StationServer.StartAsync(s => s["Station:Token"] = string.Empty);
        using var client = station.Client(token: null);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/ward", UriKind.Relative))).StatusCode);
        using var command = new HttpRequestMessage(HttpMethod.Post, "/api/alarms/acknowledge") { Content = new StringContent("{}") };
        command.Headers.Add(StationAccess.CommandHeader, "1");
        using var response = await client.SendAsync(command);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("read-only", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_the_station_does_not_answer_a_page_of_another_site_rebound_to_loopback()
    {
        await using var station = await StationServer.StartAsync(s => s["Station:Token"] = string.Empty);
        using var client = station.Client(token: null);

        // What a browser sends once attacker.example has been re-resolved to 127.0.0.1 (DNS rebinding): its own origin.
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/ward");
        rebound.Headers.Host = $"attacker.example:{station.Address.Port}";
        using var refused = await client.SendAsync(rebound);
        using var byName = new HttpRequestMessage(HttpMethod.Get, "/api/ward");
        byName.Headers.Host = $"localhost:{station.Address.Port}";
        using var answered = await client.SendAsync(byName);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Theory]
    [InlineData("beds=bed%2C%2Cevil%20id", "is not a bed id")]
    [InlineData("beds=bed0001&seconds=31", "seconds must be between 1 and 30")]
    [InlineData("beds=a,b,c", "at most 2 beds per stream")]
    public async Task A_stream_asking_for_a_bad_bed_too_many_beds_or_too_long_a_strip_is_refused(string query, string reason)
    {
        await using var station = await StationServer.StartAsync(s => s["Station:MaxBedsPerStream"] = "2");
        using var client = station.Client();

        using var response = await client.GetAsync(new Uri($"/api/stream?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_beyond_the_client_limit_is_answered_503_and_the_slot_frees_when_the_first_closes()
    {
        await using var station = await StationServer.StartAsync(s => s["Station:MaxClients"] = "1");
        using var client = station.Client();

        using (var first = await client.GetAsync(new Uri("/api/stream?beds=bed0001", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("text/event-stream", first.Content.Headers.ContentType?.MediaType);
            using var second = await client.GetAsync(new Uri("/api/stream?beds=bed0001", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        }

        var clients = station.Host.Services.GetService(typeof(StationClients)) as StationClients;
        Assert.True(await Eventually.HoldsAsync(() => clients!.Open == 0, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Over_https_the_station_presents_its_certificate_and_marks_the_cookie_secure()
    {
        var directory = Directory.CreateTempSubdirectory("atd-station-tls-");
        try
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            var certificateFile = Path.Combine(directory.FullName, "station.crt");
            var keyFile = Path.Combine(directory.FullName, "station.key");
            await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());

            await using var station = await StationServer.StartAsync(s =>
            {
                s["Station:Urls"] = "https://127.0.0.1:0";
                s["Station:CertificateFile"] = certificateFile;
                s["Station:KeyFile"] = keyFile;
            });
            X509Certificate2? presented = null;
            using var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                {
                    presented = cert is null ? null : X509CertificateLoader.LoadCertificate(cert.RawData);
                    return cert?.Thumbprint == certificate.Thumbprint;
                },
            };
            using var client = station.Client(token: null, handler);

            using var response = await client.GetAsync(new Uri($"/?token={StationWorker.Token}", UriKind.Relative));

            Assert.Equal("https", station.Address.Scheme);
            Assert.Equal(certificate.Thumbprint, presented?.Thumbprint);
            Assert.Contains("secure", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
            presented?.Dispose();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<HttpResponseMessage> Acknowledge(HttpClient client, DateTimeOffset onset)
    {
        using var command = new HttpRequestMessage(HttpMethod.Post, "/api/alarms/acknowledge")
        {
            Content = JsonContent.Create(new { bed = "bed0001", type = AlertTypes.Tachycardia, @operator = "nurse.ana", onset }),
        };
        command.Headers.Add(StationAccess.CommandHeader, "1");
        return await client.SendAsync(command);
    }
}
