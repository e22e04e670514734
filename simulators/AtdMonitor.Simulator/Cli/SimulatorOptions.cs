using System.CommandLine;
using System.Globalization;
using AtdMonitor.Mqtt;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Simulator.Faults;
using AtdMonitor.Simulator.Publishing;

namespace AtdMonitor.Simulator.Cli;

/// <summary>The options of <c>atd-sim</c>, shared with the <c>atd</c> commands that drive a replay.</summary>
public sealed class SimulatorOptions
{
    public Option<string?> Data { get; } = new("--data") { Description = "Data folder holding mitdb/ and ett/ [default: ATD_DATA_DIR, ../shared/data, else samples/]." };

    public Option<string?> Records { get; } = new("--records") { Description = "Records to replay: DS1, DS2, all, nonpaced, or names such as 100,119 [default: every record in the folder]." };

    public Option<int> Beds { get; } = new("--beds") { Description = "Beds to simulate; records are reused with time offsets when there are more beds than records [default: one per record].", DefaultValueFactory = _ => 0 };

    public Option<double> BedOffset { get; } = new("--bed-offset") { Description = "Seconds between the start points of beds that replay the same record.", DefaultValueFactory = _ => 97 };

    public Option<double> Speed { get; } = new("--speed") { Description = "Times real time (1 = one window per bed per second).", DefaultValueFactory = _ => 1 };

    public Option<bool> AsFastAsPossible { get; } = new("--as-fast-as-possible") { Description = "No pacing: send as fast as the broker accepts." };

    public Option<int> Duration { get; } = new("--duration") { Description = "Seconds of signal per bed [default: one pass over the record].", DefaultValueFactory = _ => 0 };

    public Option<bool> Truth { get; } = new("--truth") { Description = "Also send the reference beat labels on atd/v1/{bed}/truth." };

    public Option<string> Format { get; } = new("--format") { Description = "ECG sample encoding: float32 (exact) or int16 (half the size).", DefaultValueFactory = _ => "float32" };

    public Option<string> Host { get; } = new("--host") { Description = "MQTT broker host.", DefaultValueFactory = _ => "localhost" };

    public Option<int> Port { get; } = new("--port") { Description = "MQTT broker port.", DefaultValueFactory = _ => 1883 };

    public Option<int> Qos { get; } = new("--qos") { Description = "MQTT QoS of the windows: 0 or 1.", DefaultValueFactory = _ => 1 };

    public Option<string> ClientId { get; } = new("--client-id") { Description = "MQTT client id.", DefaultValueFactory = _ => "atd-sim" };

    public Option<string?> User { get; } = new("--user") { Description = "Broker user name [default: anonymous]." };

    public Option<string?> Password { get; } = new("--password") { Description = "Broker password [default: the ATD_SIM_PASSWORD environment variable]." };

    public Option<bool> Tls { get; } = new("--tls") { Description = "Connect with TLS." };

    public Option<bool> AllowUntrusted { get; } = new("--allow-untrusted") { Description = "Accept a broker certificate that does not chain to a trusted root (test brokers only)." };

    public Option<string?> CaFile { get; } = new("--ca-file") { Description = "With --tls: PEM file of the CA(s) the broker's certificate must chain to [default: the system's roots]." };

    public Option<string?> CertFile { get; } = new("--cert-file") { Description = "With --tls: PEM file of the simulator's client certificate (mutual TLS); needs --key-file." };

    public Option<string?> KeyFile { get; } = new("--key-file") { Description = "With --tls: PEM file of the key of --cert-file." };

    public Option<int> ShardCount { get; } = new("--shard-count") { Description = "Workers the beds are sharded over (Sharding:ShardCount of the workers); above 1 publishes on atd/v1/shard/{k}/... topics.", DefaultValueFactory = _ => 1 };

    public Option<int> MaxInFlight { get; } = new("--max-in-flight") { Description = "Publishes awaiting their acknowledgement at once.", DefaultValueFactory = _ => 256 };

    public Option<double> Drop { get; } = new("--drop") { Description = "Fraction of ECG and image messages not sent." };

    public Option<double> Duplicate { get; } = new("--duplicate") { Description = "Fraction of ECG and image messages sent twice." };

    public Option<double> Reorder { get; } = new("--reorder") { Description = "Fraction of ECG and image messages sent after the bed's next one." };

    public Option<double> Corrupt { get; } = new("--corrupt") { Description = "Fraction of ECG and image messages with a damaged payload (truncated, bad magic or NaN)." };

    public Option<double> DelayImage { get; } = new("--delay-image") { Description = "Fraction of images sent --image-delay late." };

    public Option<double> ImageDelay { get; } = new("--image-delay") { Description = "Seconds a delayed image is late.", DefaultValueFactory = _ => 3 };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the fault draws.", DefaultValueFactory = _ => 1 };

    public Option<int> Sensors { get; } = new("--sensors") { Description = "ETT sensors to replay (0 = none).", DefaultValueFactory = _ => 0 };

    public Option<bool> SensorsOnly { get; } = new("--sensors-only") { Description = "Replay the --sensors alone, no beds; --duration is then seconds of readings [default: one pass over the table]." };

    public Option<string?> Ett { get; } = new("--ett") { Description = "The ETT-style CSV the sensors replay, at its own sampling interval (hourly, 15-minute, ...) [default: ett/ETTh1.csv in the data folder]." };

    public Option<double> ReadingInterval { get; } = new("--reading-interval") { Description = "Seconds between two rows of a sensor at speed 1 (the file's interval compressed; readings keep the rows' times).", DefaultValueFactory = _ => 1 };

    public Option<string?> LeadsOff { get; } = new("--leads-off") { Description = "FROM-TO: seconds of each bed's stream in which its electrodes are off (a near-flat trace, every lead reported off), e.g. 30-45." };

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All =>
    [
        Data, Records, Beds, BedOffset, Speed, AsFastAsPossible, Duration, Truth, Format, Host, Port, Qos, ClientId, User, Password, Tls, ShardCount,
        AllowUntrusted, CaFile, CertFile, KeyFile, MaxInFlight, Drop, Duplicate, Reorder, Corrupt, DelayImage, ImageDelay, Seed, Sensors, SensorsOnly, Ett, ReadingInterval, LeadsOff,
    ];

    public FaultOptions GetFaults(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new FaultOptions
        {
            DropRate = result.GetValue(Drop),
            DuplicateRate = result.GetValue(Duplicate),
            ReorderRate = result.GetValue(Reorder),
            CorruptRate = result.GetValue(Corrupt),
            ImageDelayRate = result.GetValue(DelayImage),
            ImageDelay = TimeSpan.FromSeconds(result.GetValue(ImageDelay)),
            Seed = result.GetValue(Seed),
        };
    }

    public BrokerConnectionOptions GetBroker(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new BrokerConnectionOptions
        {
            Host = result.GetValue(Host)!,
            Port = result.GetValue(Port),
            QualityOfService = result.GetValue(Qos),
            ClientId = result.GetValue(ClientId)!,
            Username = result.GetValue(User) ?? string.Empty,
            Password = result.GetValue(Password) ?? Environment.GetEnvironmentVariable("ATD_SIM_PASSWORD") ?? string.Empty,
            Tls = new MqttTlsSettings
            {
                UseTls = result.GetValue(Tls),
                AllowUntrustedCertificates = result.GetValue(AllowUntrusted),
                CaCertificateFile = result.GetValue(CaFile) ?? string.Empty,
                ClientCertificateFile = result.GetValue(CertFile) ?? string.Empty,
                ClientKeyFile = result.GetValue(KeyFile) ?? string.Empty,
            },
            MaxInFlight = result.GetValue(MaxInFlight),
        };
    }

    /// <summary>The <c>--leads-off FROM-TO</c> stretch in seconds, or null; a clear error for anything else.</summary>
    public (int From, int To)? GetLeadsOff(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.GetValue(LeadsOff) is not { } text)
        {
            return null;
        }

        var parts = text.Split('-');
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var to)
            ? (from, to)
            : throw new ArgumentException($"--leads-off must be FROM-TO whole seconds, such as 30-45 (got '{text}').");
    }

    public EcgSampleFormat GetFormat(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.GetValue(Format)!.ToUpperInvariant() switch
        {
            "FLOAT32" => EcgSampleFormat.FloatingPoint,
            "INT16" => EcgSampleFormat.Scaled16Bit,
            var other => throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--format must be float32 or int16 (got '{other}').")),
        };
    }
}
