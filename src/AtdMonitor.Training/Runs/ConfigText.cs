using System.Text.Json;
using System.Text.Json.Serialization;
using AtdMonitor.Model.Configuration;

namespace AtdMonitor.Training.Runs;

/// <summary>A model configuration as compact JSON with enum names, for run settings and error messages.</summary>
public static class ConfigText
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() } };

    public static string Of(AtdConfig config) => JsonSerializer.Serialize(config, Options);
}
