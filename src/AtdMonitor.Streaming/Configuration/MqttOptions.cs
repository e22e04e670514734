using System.ComponentModel.DataAnnotations;

namespace AtdMonitor.Streaming.Configuration;

/// <summary>The MQTT broker the worker reads from. Section <c>Mqtt</c>. An empty <see cref="Host"/> starts an embedded broker.</summary>
public sealed class MqttOptions
{
    public const string SectionName = "Mqtt";

    /// <summary>Broker host name; empty means "start the embedded MQTTnet broker".</summary>
    public string Host { get; set; } = string.Empty;

    [Range(1, 65535, ErrorMessage = "Mqtt:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 1883;

    [Required(AllowEmptyStrings = false, ErrorMessage = "Mqtt:ClientId must not be empty.")]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "Mqtt:ClientId must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.")]
    public string ClientId { get; set; } = "atd-worker";
}
