using System.ComponentModel.DataAnnotations;
using AtdMonitor.Station.Configuration;

namespace AtdMonitor.Station.Tests.Configuration;

/// <summary>The <c>Station</c> section: off by default; when on, its addresses, token and TLS files are checked.</summary>
public sealed class StationOptionsValidationTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void The_defaults_are_off_on_loopback_and_valid_even_when_turned_on()
    {
        Assert.False(new StationOptions().Enabled);
        Assert.Empty(Validate(new StationOptions()));
        Assert.Empty(Validate(new StationOptions { Enabled = true }));
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://ward-station.local:8080")]
    [InlineData("http://127.0.0.1:8080;http://[::]:8080")]
    public void Listening_beyond_loopback_needs_a_token(string urls)
    {
        Assert.Contains("Station:Token must be set when Station:Urls listens beyond loopback.", Validate(new StationOptions { Enabled = true, Urls = urls }));
        Assert.Empty(Validate(new StationOptions { Enabled = true, Urls = urls, Token = Token }));
    }

    [Fact]
    public void A_short_token_is_rejected()
    {
        Assert.Contains("Station:Token must be at least 32 characters (e.g. openssl rand -hex 16).", Validate(new StationOptions { Enabled = true, Token = "secret" }));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("http://127.0.0.1:8080/station")]
    public void An_address_that_is_not_http_or_https_host_and_port_is_rejected(string url)
    {
        Assert.Contains($"Station:Urls: '{url}' must be http://HOST:PORT or https://HOST:PORT.", Validate(new StationOptions { Enabled = true, Urls = url }));
    }

    [Fact]
    public void An_https_address_needs_the_certificate_and_key_files()
    {
        Assert.Contains(
            "Station:CertificateFile and Station:KeyFile must name existing PEM files when Station:Urls has an https:// address.",
            Validate(new StationOptions { Enabled = true, Urls = "https://127.0.0.1:8443", CertificateFile = "/nonexistent.crt", KeyFile = "/nonexistent.key" }));
    }

    [Fact]
    public void A_station_that_is_off_is_not_checked()
    {
        Assert.Empty(Validate(new StationOptions { Urls = "https://0.0.0.0:8443", Token = "short" }));
    }

    private static List<string> Validate(StationOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? string.Empty).ToList();
    }
}
