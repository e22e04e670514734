using System.Text.Json;
using AtdMonitor.Protocol.Messages;
using AtdMonitor.Protocol.Topics;
using AtdMonitor.Station.Configuration;
using AtdMonitor.Station.Ward;
using Microsoft.AspNetCore.Builder;
using AtdMonitor.Streaming.Alerts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace AtdMonitor.Station.Web;

/// <summary>The station's JSON API and its live stream (docs/STATION.md).</summary>
internal static class StationEndpoints
{
    /// <summary>The largest acknowledge request read.</summary>
    private const long MaxCommandBytes = 4096;

    public static void Map(IEndpointRouteBuilder app, WardState ward, StationOptions options, StationClients clients, IAlarmCommands? commands, TimeProvider time, ILogger logger)
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
        app.MapPost("/api/alarms/acknowledge", (Delegate)((HttpContext context) => AcknowledgeAsync(context, ward, commands, time)));
    }

    /// <summary>
    /// <c>{"bed", "type", "operator", "onset"?}</c> through the worker's alarm-command path (source <c>station</c>): checked,
    /// applied, published and audited as a command from the MQTT topic is. 200 applied, 409 refused (also when the onset
    /// names another episode than the one on the board), 400 invalid, with the reason.
    /// </summary>
    private static async Task<IResult> AcknowledgeAsync(HttpContext context, WardState ward, IAlarmCommands? commands, TimeProvider time)
    {
        if (commands is null)
        {
            return Results.Text("this worker has no alarm system\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxCommandBytes;
        }

        AcknowledgeRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<AcknowledgeRequest>(StationJson.Options, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return Results.Text("the body must be JSON {\"bed\", \"type\", \"operator\"} of at most 4 KiB\n", statusCode: StatusCodes.Status400BadRequest);
        }

        if (request is not { Bed: not null, Type: not null, Operator: not null })
        {
            return Results.Text("bed, type and operator are required\n", statusCode: StatusCodes.Status400BadRequest);
        }

        if (request.Onset is { } seen && ward.AlarmOnBoard(request.Bed, request.Type) is { } onBoard && onBoard.Onset != seen)
        {
            return Results.Text(
                $"the list showed the episode from {seen.ToUniversalTime():HH:mm:ss} UTC; the one on the board began at {onBoard.Onset.ToUniversalTime():HH:mm:ss} UTC: look at it and acknowledge again\n",
                statusCode: StatusCodes.Status409Conflict);
        }

        var outcome = commands.Execute(new AlarmCommand(request.Bed, AlarmAction.Acknowledge, request.Type, null, request.Operator, time.GetUtcNow()), AlarmCommandSources.Station);
        var status = outcome.Status switch
        {
            AlarmCommandStatus.Applied => StatusCodes.Status200OK,
            AlarmCommandStatus.Refused => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        return Results.Text(outcome.Reason + "\n", statusCode: status);
    }
}
