using System.Globalization;
using Conversations.Gateway.Api;
using Conversations.Gateway.Auth;
using Conversations.Grains.Analytics;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Protocol;

namespace Conversations.Gateway.Analytics;

/// <summary>
/// <c>/analytics/…</c>: figures over the transcript in PostgreSQL (<c>Cluster:Storage=Postgres</c>). Every
/// endpoint takes <c>days</c> (the window ending now, 1 to 366, default 30); lists take <c>page</c> (from 1)
/// and <c>page_size</c> (1 to 500, default 50).
/// </summary>
internal static class AnalyticsEndpoints
{
    private const int DefaultDays = 30;
    private const int MaxDays = 366;
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;
    private const int DefaultActiveMinutes = 30;

    public static IEndpointRouteBuilder MapConversationAnalytics(this IEndpointRouteBuilder endpoints)
    {
        // Figures over every user's conversations, and each query scans the transcript: operators only, and
        // rate limited like the API.
        var analytics = endpoints.MapGroup("/analytics")
            .RequireConversationsOperator(endpoints.ServiceProvider)
            .RequireRateLimiting(ApiRateLimits.Policy);
        analytics.MapGet("/summary", (HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
            RunAsync(http, async a =>
            {
                var days = Days(http);
                var summary = await a.SummaryAsync(days, Int(http, "active_minutes", DefaultActiveMinutes, 1, 24 * 60), cancellationToken);
                var operators = await grains.GetGrain<IHandoffQueueGrain>(IHandoffQueueGrain.Key).TallyAsync(days);
                return Results.Json(
                    summary with { HandoffsTaken = operators.Taken, OperatorReplies = operators.OperatorReplies, HandBacks = operators.HandedBack },
                    AnalyticsJsonContext.Default.AnalyticsSummary);
            }));

        // Counted by the hand-off queue as operators act, so in any storage mode, not read from the transcript.
        analytics.MapGet("/handoffs", async (HttpContext http, IGrainFactory grains) => Results.Json(
            await grains.GetGrain<IHandoffQueueGrain>(IHandoffQueueGrain.Key).TallyAsync(Days(http)),
            ApiJsonContext.Default.HandoffTally));
        analytics.MapGet("/turns-per-day", (HttpContext http, CancellationToken cancellationToken) =>
            RunAsync(http, async a => Results.Json(
                await a.TurnsPerDayAsync(Days(http), PageNumber(http), PageSize(http), cancellationToken),
                AnalyticsJsonContext.Default.AnalyticsPageDayCount)));
        analytics.MapGet("/intents", (HttpContext http, CancellationToken cancellationToken) =>
            RunAsync(http, async a => Results.Json(
                await a.IntentsAsync(Days(http), PageNumber(http), PageSize(http), cancellationToken),
                AnalyticsJsonContext.Default.AnalyticsPageIntentCount)));
        analytics.MapGet("/funnel", (HttpContext http, CancellationToken cancellationToken) =>
            RunAsync(http, async a => Results.Json(
                await a.FunnelAsync(Days(http), cancellationToken),
                AnalyticsJsonContext.Default.IReadOnlyListStateCount)));
        return endpoints;
    }

    private static async Task<IResult> RunAsync(HttpContext http, Func<TranscriptAnalytics, Task<IResult>> query)
    {
        if (http.RequestServices.GetService<TranscriptAnalytics>() is not { } analytics)
        {
            return new HttpRefusal(StatusCodes.Status404NotFound, ErrorCodes.ServiceUnavailable, "Analytics read the transcript in PostgreSQL: run with Cluster:Storage=Postgres.").ToResult();
        }

        return await query(analytics);
    }

    private static int Days(HttpContext http) => Int(http, "days", DefaultDays, 1, MaxDays);

    private static int PageNumber(HttpContext http) => Int(http, "page", 1, 1, int.MaxValue / MaxPageSize);

    private static int PageSize(HttpContext http) => Int(http, "page_size", DefaultPageSize, 1, MaxPageSize);

    private static int Int(HttpContext http, string name, int fallback, int min, int max) =>
        int.TryParse(http.Request.Query[name], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? Math.Clamp(value, min, max)
            : fallback;
}
