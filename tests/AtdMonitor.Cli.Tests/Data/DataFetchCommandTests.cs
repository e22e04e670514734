using System.CommandLine;
using AtdMonitor.Data.Fetch;
using AtdMonitor.Tests.Shared;

namespace AtdMonitor.Cli.Tests.Data;

public sealed class DataFetchCommandTests : IDisposable
{
    private readonly string _target = Directory.CreateTempSubdirectory("atd-fetch-").FullName;
    private readonly LoopbackFileServer _server = new(TestData.Samples);

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_target, recursive: true);
    }

    [Fact]
    public async Task A_full_fetch_downloads_and_verifies_the_chosen_records()
    {
        var (exitCode, _, error) = await FetchMitdbAsync("100", "119");

        Assert.True(exitCode == 0, error);
        foreach (var file in new[] { "100.hea", "100.dat", "100.atr", "119.hea", "119.dat", "119.atr" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(TestData.Samples, "mitdb", file)), File.ReadAllBytes(Path.Combine(_target, "mitdb", file)));
        }

        Assert.Equal(6, File.ReadAllLines(Path.Combine(_target, "mitdb", "SHA256SUMS")).Length);
        Assert.Empty(Directory.GetFiles(Path.Combine(_target, "mitdb"), "*.part"));
    }

    [Fact]
    public async Task ETTh1_is_checked_against_its_published_SHA_256()
    {
        var (exitCode, _, error) = await InvokeAsync("data", "fetch", "ett", _target, "--base-url", new Uri(_server.BaseUrl, "ett/").ToString());

        Assert.True(exitCode == 0, error);
        Assert.Equal(DatasetSource.EttH1Sha256, await DatasetFetcher.Sha256Async(Path.Combine(_target, "ett", "ETTh1.csv")));
    }

    [Fact]
    public async Task A_partial_download_is_resumed_with_a_range_request()
    {
        var dat = File.ReadAllBytes(Path.Combine(TestData.Samples, "mitdb", "100.dat"));
        Directory.CreateDirectory(Path.Combine(_target, "mitdb"));
        await File.WriteAllBytesAsync(Path.Combine(_target, "mitdb", "100.dat.part"), dat[..1_000_000]);

        var (exitCode, _, error) = await FetchMitdbAsync("100");

        Assert.True(exitCode == 0, error);
        Assert.Contains("mitdb/100.dat bytes=1000000-", _server.Requests);
        Assert.Equal(dat, File.ReadAllBytes(Path.Combine(_target, "mitdb", "100.dat")));
        Assert.False(File.Exists(Path.Combine(_target, "mitdb", "100.dat.part")));

        // A second run finds everything verified in place and downloads nothing.
        _server.Requests.Clear();
        Assert.Equal(0, (await FetchMitdbAsync("100")).ExitCode);
        Assert.Equal(["mitdb/SHA256SUMS.txt"], _server.Requests);
    }

    [Fact]
    public async Task A_corrupted_file_is_refused_and_not_kept()
    {
        _server.Corrupt["119.hea"] = true;

        var (exitCode, _, error) = await FetchMitdbAsync("119");

        Assert.Equal(1, exitCode);
        Assert.Contains("119.hea", error, StringComparison.Ordinal);
        Assert.Contains("does not match the published", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_target, "mitdb", "119.hea")));
        Assert.False(File.Exists(Path.Combine(_target, "mitdb", "119.hea.part")));
    }

    private Task<(int ExitCode, string Output, string Error)> FetchMitdbAsync(params string[] records) =>
        InvokeAsync(["data", "fetch", "mitdb", _target, "--base-url", new Uri(_server.BaseUrl, "mitdb/").ToString(), "--records", .. records]);

    private static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await AtdCommandLine.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
