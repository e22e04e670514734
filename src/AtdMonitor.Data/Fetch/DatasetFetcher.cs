using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace AtdMonitor.Data.Fetch;

/// <summary>
/// Downloads a public dataset from its publisher into <c>DIR/&lt;name&gt;/</c>: each file goes to a <c>.part</c> file
/// that a later run resumes with an HTTP Range request, is checked against its published SHA-256 and only then
/// renamed. Files already present with the right hash are kept. A <c>SHA256SUMS</c> of what was fetched is written.
/// </summary>
public sealed class DatasetFetcher(HttpClient http)
{
    private const int BufferSize = 1 << 16;

    /// <summary>Fetches <paramref name="source"/> into <paramref name="dataDirectory"/>/<c>name</c>; returns the files in place.</summary>
    /// <exception cref="FetchException">A download failed or a file's SHA-256 differs from the published one.</exception>
    public async Task<IReadOnlyList<string>> FetchAsync(
        DatasetSource source, string dataDirectory, IProgress<FetchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var target = Path.Combine(dataDirectory, source.Name);
        Directory.CreateDirectory(target);
        var expected = source.ChecksumList is null
            ? source.KnownFiles
            : await ReadChecksumListAsync(new Uri(source.BaseUrl, source.ChecksumList), cancellationToken).ConfigureAwait(false);
        var files = expected.Where(f => source.Include(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new FetchException($"{source.BaseUrl}: nothing to fetch (no file of the checksum list matches).");
        }

        foreach (var (name, sha256) in files)
        {
            await FetchFileAsync(new Uri(source.BaseUrl, name), Path.Combine(target, name), sha256, progress, cancellationToken).ConfigureAwait(false);
        }

        await File.WriteAllLinesAsync(
            Path.Combine(target, "SHA256SUMS"),
            files.Select(f => $"{f.Value.ToLowerInvariant()}  {f.Key}"),
            cancellationToken).ConfigureAwait(false);
        return [.. files.Select(f => f.Key)];
    }

    /// <summary>The SHA-256 (lower-case hex) of a file.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }

    private async Task<Dictionary<string, string>> ReadChecksumListAsync(Uri url, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await http.GetStringAsync(url, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new FetchException($"{url}: could not download the checksum list ({e.Message}).", e);
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
            var hash = space > 0 ? trimmed[..space] : string.Empty;
            if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
            {
                throw new FetchException($"{url}, line {lineNumber}: expected 'sha256  name', found '{trimmed}'.");
            }

            result[trimmed[space..].Trim().TrimStart('*')] = hash.ToLowerInvariant();
        }

        return result;
    }

    private async Task FetchFileAsync(Uri url, string path, string sha256, IProgress<FetchProgress>? progress, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        if (File.Exists(path) && string.Equals(await Sha256Async(path, cancellationToken).ConfigureAwait(false), sha256, StringComparison.OrdinalIgnoreCase))
        {
            progress?.Report(new FetchProgress(name, new FileInfo(path).Length, new FileInfo(path).Length, Done: true));
            return;
        }

        var part = path + ".part";
        var have = File.Exists(part) ? new FileInfo(part).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // The part file is already complete (or longer than the file): verify it as it is.
            progress?.Report(new FetchProgress(name, have, have, Done: false));
        }
        else
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new FetchException($"{url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            var resumed = response.StatusCode == HttpStatusCode.PartialContent;
            if (!resumed)
            {
                have = 0;
            }

            var total = response.Content.Headers.ContentLength is { } length ? length + have : (long?)null;
            var file = new FileStream(part, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    var buffer = new byte[BufferSize];
                    int read;
                    while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        have += read;
                        progress?.Report(new FetchProgress(name, have, total, Done: false));
                    }
                }
            }
        }

        var actual = await Sha256Async(part, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(part);
            throw new FetchException(
                $"{url}: SHA-256 {actual} of the {have.ToString(CultureInfo.InvariantCulture)} bytes received does not match the published {sha256}; the download was deleted, run the fetch again.");
        }

        File.Move(part, path, overwrite: true);
        progress?.Report(new FetchProgress(name, have, have, Done: true));
    }
}
