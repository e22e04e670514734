using System.CommandLine;
using AtdMonitor.Data.Fetch;
using Spectre.Console;

namespace AtdMonitor.Cli.Commands;

/// <summary><c>atd data fetch mitdb|ett [DIR]</c>: downloads a public dataset from its publisher, resumable, SHA-256 checked.</summary>
internal static class DataFetchCommand
{
    public static Command Create()
    {
        var dataset = new Argument<string>("dataset") { Description = "mitdb (MIT-BIH Arrhythmia, PhysioNet) or ett (ETTh1.csv, ETDataset)." };
        dataset.AcceptOnlyFromAmong("mitdb", "ett");
        var directory = new Argument<string>("DIR") { Description = "Data folder; the files go to DIR/mitdb or DIR/ett.", DefaultValueFactory = _ => "data" };
        var baseUrl = new Option<string?>("--base-url") { Description = "Download from this folder URL instead of the publisher's (a mirror)." };
        baseUrl.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (text is not null && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                result.AddError($"--base-url must be an absolute http(s) URL, got '{text}'.");
            }
        });
        var records = new Option<string[]>("--records") { Description = "mitdb: only these records (e.g. --records 100 208).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("fetch", "Downloads MIT-BIH (PhysioNet, checked against its SHA256SUMS.txt) or ETTh1 (checked against its known SHA-256); interrupted downloads resume.")
        {
            dataset,
            directory,
            baseUrl,
            records,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var name = parseResult.GetValue(dataset)!;
            var url = parseResult.GetValue(baseUrl) is { } text ? new Uri(text.EndsWith('/') ? text : text + "/") : null;
            var only = parseResult.GetValue(records);
            var source = name == "mitdb" ? DatasetSource.Mitdb(url, only is { Length: > 0 } ? only : null) : DatasetSource.Ett(url);
            var target = Path.GetFullPath(parseResult.GetValue(directory)!);
            var console = DataOptions.Console(parseResult);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            var fetcher = new DatasetFetcher(http);
            try
            {
                IReadOnlyList<string> files = [];
                await console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                    .StartAsync(async context =>
                    {
                        var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                        var progress = new Progress<FetchProgress>(p =>
                        {
                            if (!tasks.TryGetValue(p.File, out var task))
                            {
                                task = tasks[p.File] = context.AddTask(p.File, maxValue: p.TotalBytes ?? 1);
                            }

                            task.MaxValue = p.TotalBytes ?? Math.Max(task.MaxValue, p.Bytes);
                            task.Value = p.Bytes;
                            if (p.Done)
                            {
                                task.StopTask();
                            }
                        });
                        files = await fetcher.FetchAsync(source, target, progress, cancellationToken).ConfigureAwait(false);
                    }).ConfigureAwait(false);
                console.WriteLine($"{files.Count} files of {source.Name} verified in {Path.Combine(target, source.Name)}.");
                return 0;
            }
            catch (FetchException e)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"atd data fetch {name}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
