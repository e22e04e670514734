using System.Diagnostics;
using System.Globalization;
using AtdMonitor.Data.Beats;
using AtdMonitor.Data.Wfdb;
using AtdMonitor.Model.Checkpoints;
using AtdMonitor.Model.Configuration;
using AtdMonitor.Model.Tasks;
using AtdMonitor.Protocol.Codec;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Servers;
using AtdMonitor.Tests.Shared;
using MQTTnet;
using MQTTnet.Protocol;

namespace AtdMonitor.Cli.Tests.Sink;

/// <summary>
/// The line-protocol file of a real <c>atd run</c> child process (embedded broker, no InfluxDB) killed with SIGKILL:
/// lines reach the file while the worker runs, an alert at once, and a crash leaves whole lines only.
/// </summary>
public sealed class LineProtocolCrashTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(DateTime.UtcNow.Date, TimeSpan.Zero); // windows must be within Pipeline:MaxClockSkew of the worker's clock
    private readonly string _directory = Directory.CreateTempSubdirectory("atd-lp-crash-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Beats_reach_the_file_each_interval_while_the_worker_runs_and_a_kill_during_traffic_leaves_whole_lines()
    {
        var file = Path.Combine(_directory, "out.lp");
        string[] noAlerts = [.. new[] { "VentricularRun", "FrequentEctopy", "Pause", "Bradycardia", "Tachycardia", "SignalQuality" }.Select(rule => $"--Alerts:{rule}:Enabled=false")];
        using var worker = await WorkerProcess.StartAsync(_directory, file, TimeSpan.FromMilliseconds(200), noAlerts);
        await using var device = await worker.ConnectAsync();
        var record = WfdbReader.ReadRecord(Path.Combine(TestData.Samples, "mitdb"), "100");
        var (lead0, lead1) = BeatDatasetBuilder.LeadsOf(record);
        var leads = new[] { record.ToMillivolts(lead0), record.ToMillivolts(lead1) };

        for (var sequence = 0; sequence < 30; sequence++)
        {
            await device.PublishWindowAsync(leads, sequence);
        }

        // No alert rule is on and the worker keeps running: only the periodic flush can put the beats there.
        await Eventually(() => Lines(file).Count(l => l.StartsWith("beat,", StringComparison.Ordinal)) >= 20, worker);

        var burst = Task.Run(async () =>
        {
            for (var sequence = 30; sequence < 1800 && !worker.HasExited; sequence++)
            {
                await device.PublishWindowAsync(leads, sequence).ConfigureAwait(false);
            }
        });
        await Eventually(() => Lines(file).Count >= 200, worker);
        worker.Kill();
        await burst.ContinueWith(_ => { }, TaskScheduler.Default); // its publishes fail once the broker is gone

        AssertWholeLines(file);
        Assert.DoesNotContain(Lines(file), l => l.StartsWith("alert,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_alert_is_written_at_once_and_survives_a_kill()
    {
        var file = Path.Combine(_directory, "out.lp");
        // A 10-minute interval: only the alert's own flush can put it in the file this soon.
        using var worker = await WorkerProcess.StartAsync(_directory, file, TimeSpan.FromMinutes(10));
        await using var device = await worker.ConnectAsync();
        // Flat windows (lead off): the signal-quality alert is raised after 2 of 3 poor windows.
        for (var sequence = 0; sequence < 6; sequence++)
        {
            await device.PublishAsync(new EcgWindow("bed-1", sequence, Start.AddSeconds(sequence), 360, 2, EcgUnits.Millivolts, new float[720]));
            await device.PublishAsync(new SpectrogramWindow("bed-1", sequence, Start.AddSeconds(sequence), 32, 40, new float[32 * 40]));
        }

        await Eventually(() => Lines(file).Any(l => l.StartsWith("alert,", StringComparison.Ordinal)), worker);
        worker.Kill();

        AssertWholeLines(file);
        var lines = Lines(file);
        Assert.Contains(lines, l => l.StartsWith("alert,", StringComparison.Ordinal) && l.Contains("state=raise", StringComparison.Ordinal) && l.Contains("type=signal_quality", StringComparison.Ordinal));
    }

    private static List<string> Lines(string file) =>
        File.Exists(file) ? [.. ReadShared(file).Split('\n', StringSplitOptions.RemoveEmptyEntries)] : [];

    private static string ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Every line is a whole line-protocol point: measurement and tags, fields, a 19-digit nanosecond time.</summary>
    private static void AssertWholeLines(string file)
    {
        var text = ReadShared(file);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.All(text.TrimEnd('\n').Split('\n'), line => Assert.Matches(@"^(reading|beat|alert|forecast|pipeline),\S+ \S.* \d{19}$", line));
    }

    private static async Task Eventually(Func<bool> condition, WorkerProcess worker)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60) || worker.HasExited)
            {
                Assert.Fail($"Condition not met in {deadline.Elapsed.TotalSeconds:0} s. Worker output:{Environment.NewLine}{worker.Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary><c>dotnet atd.dll run</c> from the test's output folder on free loopback ports.</summary>
    private sealed class WorkerProcess : IDisposable
    {
        private readonly System.Diagnostics.Process _process;
        private readonly System.Text.StringBuilder _output = new();

        private WorkerProcess(System.Diagnostics.Process process, int mqttPort, int metricsPort)
        {
            _process = process;
            MqttPort = mqttPort;
            MetricsPort = metricsPort;
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public int MqttPort { get; }

        public int MetricsPort { get; }

        public bool HasExited => _process.HasExited;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static async Task<WorkerProcess> StartAsync(string directory, string file, TimeSpan flushInterval, params string[] settings)
        {
            var checkpoint = Path.Combine(directory, "tiny.ckpt");
            var config = new AtdConfig { ModelWidth = 16, EncoderLayers = 1, AttentionHeads = 2, FeedForwardWidth = 32 };
            using (var model = new ArrhythmiaModel(config))
            {
                new ModelCheckpoint(config, ["N", "S", "V", "F", "Q"], []).Save(checkpoint, model);
            }

            var (mqttPort, metricsPort) = (LoopbackPort.FindFree(), LoopbackPort.FindFree());
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            string[] arguments =
            [
                Path.Combine(AppContext.BaseDirectory, "atd.dll"), "run",
                $"--Mqtt:Port={mqttPort}", $"--Metrics:Port={metricsPort}", "--Metrics:Host=127.0.0.1", $"--Inference:BeatCheckpoint={checkpoint}",
                $"--Influx:LineProtocolFile={file}", $"--Influx:LineProtocolFlushInterval={flushInterval.ToString("c", CultureInfo.InvariantCulture)}",
                "--Inference:Threads=1", .. settings,
            ];
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            var worker = new WorkerProcess(System.Diagnostics.Process.Start(start)!, mqttPort, metricsPort);
            await worker.WaitReadyAsync();
            return worker;
        }

        public async Task<Device> ConnectAsync()
        {
            var client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", MqttPort).WithClientId("device-" + Guid.NewGuid().ToString("N")).Build());
            return new Device(client);
        }

        /// <summary>SIGKILL: a crash, no chance to flush.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
        }

        private async Task WaitReadyAsync()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(90) && !_process.HasExited)
            {
                try
                {
                    if ((await http.GetAsync(new Uri($"http://127.0.0.1:{MetricsPort}/readyz"))).IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Busy starting.
                }

                await Task.Delay(200);
            }

            Dispose();
            Assert.Fail($"atd run was not ready. Its output:{Environment.NewLine}{Output}");
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }

    /// <summary>A bedside device or sensor publishing at QoS 1.</summary>
    private sealed class Device(IMqttClient client) : IAsyncDisposable
    {
        public Task PublishAsync(EcgWindow window) => PublishAsync(AtdTopics.Ecg(window.Bed), WireCodec.Encode(window));

        public Task PublishAsync(SpectrogramWindow image) => PublishAsync(AtdTopics.Spectrogram(image.Bed), WireCodec.Encode(image));

        /// <summary>Window <paramref name="sequence"/> of a record's two leads (mV) as bed-1, with an empty image.</summary>
        public async Task PublishWindowAsync(float[][] leads, int sequence)
        {
            var samples = new float[720];
            leads[0].AsSpan(sequence * 360, 360).CopyTo(samples);
            leads[1].AsSpan(sequence * 360, 360).CopyTo(samples.AsSpan(360));
            await PublishAsync(new EcgWindow("bed-1", sequence, Start.AddSeconds(sequence), 360, 2, EcgUnits.Millivolts, samples));
            await PublishAsync(new SpectrogramWindow("bed-1", sequence, Start.AddSeconds(sequence), 32, 40, new float[32 * 40]));
        }

        public async ValueTask DisposeAsync()
        {
            client.Dispose();
            await Task.CompletedTask;
        }

        private async Task PublishAsync(string topic, byte[] payload) =>
            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
    }
}
