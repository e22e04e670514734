using AtdMonitor.Streaming.Observability;
using Microsoft.Extensions.Configuration;

namespace AtdMonitor.Streaming.Tests.Observability;

public sealed class SecretRedactorTests
{
    private static readonly SecretRedactor Redactor = new([]);

    [Theory]
    [InlineData("Writing to http://user:password@host:8086/api", "Writing to http://user:***@host:8086/api")]
    [InlineData("mqtts://device:s3cret@broker:8883", "mqtts://device:***@broker:8883")]
    [InlineData("Host=db;Username=atd;Password=hunter22;Port=5432", "Host=db;Username=atd;Password=***;Port=5432")]
    [InlineData("GET /write?org=atd&token=abcdef&bucket=b", "GET /write?org=atd&token=***&bucket=b")]
    [InlineData("Authorization: Token 0123456789abcdef", "Authorization: Token ***")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x.y", "Authorization: Bearer ***")]
    public void A_secret_in_a_url_connection_string_or_header_is_masked(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Fact]
    public void Text_without_a_secret_is_returned_as_is()
    {
        const string text = "Writing to InfluxDB at http://influx:8086, bucket atd";

        Assert.Same(text, Redactor.Redact(text));
    }

    [Fact]
    public void Configured_tokens_and_passwords_are_masked_wherever_they_appear()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Influx:Token"] = "tok-abc-123-xyz",
            ["Mqtt:Password"] = "letmein!",
            ["Mqtt:ClientKeyFile"] = "/etc/atd/client.key",
        }).Build();
        var redactor = SecretRedactor.FromConfiguration(configuration);

        Assert.Equal("401 for *** (user ***), key /etc/atd/client.key", redactor.Redact("401 for tok-abc-123-xyz (user letmein!), key /etc/atd/client.key"));
    }
}
