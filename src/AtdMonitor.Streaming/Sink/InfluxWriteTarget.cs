using AtdMonitor.Streaming.Configuration;
using InfluxDB.Client;

namespace AtdMonitor.Streaming.Sink;

/// <summary>The InfluxDB v2 write API (<c>/api/v2/write</c>) through InfluxDB.Client; the token goes in the
/// Authorization header only.</summary>
public sealed class InfluxWriteTarget : IInfluxWriteTarget, IDisposable
{
    private readonly InfluxDBClient _client;
    private readonly WriteApiAsync _writeApi;
    private readonly string _bucket;
    private readonly string _organization;

    public InfluxWriteTarget(InfluxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bucket = options.Bucket;
        _organization = options.Organization;
        _client = new InfluxDBClient(new InfluxDBClientOptions(options.Url)
        {
            Token = options.Token,
            Org = options.Organization,
            Bucket = options.Bucket,
        });
        _writeApi = _client.GetWriteApiAsync();
    }

    public Task WriteAsync(IReadOnlyList<string> lines, CancellationToken cancellationToken) =>
        _writeApi.WriteRecordsAsync(lines, PointTime.Precision, _bucket, _organization, cancellationToken);

    public void Dispose() => _client.Dispose();
}
