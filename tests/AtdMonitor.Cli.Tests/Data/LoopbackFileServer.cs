using System.Collections.Concurrent;
using System.Net;
using AtdMonitor.Servers;

namespace AtdMonitor.Cli.Tests.Data;

/// <summary>Serves a folder over HTTP on 127.0.0.1 (free port), with Range support, like a dataset publisher:
/// each dataset folder's <c>SHA256SUMS</c> is also served as <c>SHA256SUMS.txt</c> (PhysioNet's name).</summary>
internal sealed class LoopbackFileServer : IDisposable
{
    private readonly string _root;
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public LoopbackFileServer(string root)
    {
        _root = root;
        var port = LoopbackPort.FindFree();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>Each request as "path Range-header".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>File names served with one byte flipped.</summary>
    public ConcurrentDictionary<string, bool> Corrupt { get; } = new();

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending GetContextAsync.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => Respond(context));
        }
    }

    private void Respond(HttpListenerContext context)
    {
        using var response = context.Response;
        var relative = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath.TrimStart('/'));
        var range = context.Request.Headers["Range"];
        Requests.Enqueue($"{relative} {range}".Trim());
        var path = Path.Combine(_root, relative);
        if (relative.EndsWith("SHA256SUMS.txt", StringComparison.Ordinal))
        {
            path = path[..^".txt".Length];
        }

        if (relative.Contains("..", StringComparison.Ordinal) || !File.Exists(path))
        {
            response.StatusCode = 404;
            return;
        }

        var bytes = File.ReadAllBytes(path);
        if (Corrupt.ContainsKey(Path.GetFileName(path)))
        {
            bytes[bytes.Length / 2] ^= 0xFF;
        }

        var start = 0;
        if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            start = int.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
            if (start >= bytes.Length)
            {
                response.StatusCode = 416;
                return;
            }

            response.StatusCode = 206;
            response.Headers["Content-Range"] = $"bytes {start}-{bytes.Length - 1}/{bytes.Length}";
        }

        response.ContentLength64 = bytes.Length - start;
        response.OutputStream.Write(bytes, start, bytes.Length - start);
    }
}
