using AtdMonitor.Protocol.Topics;
using AtdMonitor.Station.Configuration;
using AtdMonitor.Station.Ward;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Station.Web;

/// <summary>The station's JSON API and its live stream (docs/STATION.md).</summary>
internal static class StationEndpoints
{
    public static void Map(IEndpointRouteBuilder app, WardState ward, StationOptions options, StationClients clients, ILogger logger)
    {
        app.MapGet("/api/ward", (string? q, bool? alarming, int? page, int? size) =>
        {
            var search = q is { Length: > 64 } ? q[..64] : q;
            var pageSize = Math.Clamp(size ?? 24, 1, options.MaxBedsPerStream);
            return Results.Json(ward.Page(search, alarming ?? false, Math.Max(0, page ?? 0), pageSize), StationJson.Options);
        });
        app.MapGet("/api/alarms", (int? limit) => Results.Json(ward.RecentAlarms(Math.Clamp(limit ?? WardStream.AlarmListLength, 1, WardAlarms.RecentCapacity)), StationJson.Options));
        app.MapGet("/api/beds/{bed}", (string bed) => AtdTopics.IsValidId(bed) && ward.Detail(bed) is { } detail
            ? Results.Json(detail, StationJson.Options)
            : Results.Text($"no bed {(bed.Length > 64 ? bed[..64] : bed)}\n", statusCode: StatusCodes.Status404NotFound));
        app.MapGet("/api/status", () => Results.Json(new { beds = ward.BedCount, clients = clients.Open, stalledClients = clients.Stalled, droppedUpdates = ward.DroppedUpdates }, StationJson.Options));
        app.MapGet("/api/stream", (HttpContext context) => WardStream.RunAsync(context, ward, options, clients, logger));
    }
}
