using System.Text.Json;
using System.Text.Json.Serialization;

namespace AtdMonitor.Station.Web;

/// <summary>The station's JSON: camelCase names, enums as lower-case words (<c>"high"</c>).</summary>
internal static class StationJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
