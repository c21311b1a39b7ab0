using System.Globalization;
using System.Text.Json;
using Conversations.Grains.Analytics;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Protocol;

namespace Conversations.Gateway.Dialects.SupportDesk;

/// <summary>
/// The support desk's <c>/api/v1/analytics/…</c>, for operators, as our <c>/analytics/…</c>: overview, metrics and
/// intents are the same queries over the transcript in PostgreSQL (and, like ours, 404 without it); satisfaction is
/// the service's tally of turn ratings (<see cref="ISatisfactionGrain"/>), kept in any storage. <c>days</c> (1 to
/// 366, default 30), <c>page</c> and <c>page_size</c> (1 to 500, default 50) are read as ours reads them.
/// </summary>
internal sealed class SupportDeskAnalyticsApi(IGrainFactory grains, IServiceProvider services)
{
    private const int DefaultDays = 30;
    private const int MaxDays = 366;
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;
    private const int ActiveMinutes = 30;

    /// <summary><c>GET /api/v1/analytics/overview</c>.</summary>
    public Task<IResult> OverviewAsync(HttpContext http, CancellationToken cancellationToken) => RunAsync(async analytics =>
    {
        var summary = await analytics.SummaryAsync(Days(http), ActiveMinutes, cancellationToken);
        var tally = await grains.GetGrain<ISatisfactionGrain>(ISatisfactionGrain.Key).GetAsync();
        return SupportDeskHttp.Json((summary, tally), static (w, s) =>
        {
            var (summary, tally) = s;
            w.WriteNumber("period_days", summary.Days);
            w.WriteNumber("total_conversations", summary.Conversations);
            w.WriteNumber("active_conversations", summary.ActiveConversations);
            w.WriteNumber("active_window_minutes", summary.ActiveMinutes);
            w.WriteNumber("total_turns", summary.Turns);
            w.WriteNumber("average_conversation_length", summary.AverageConversationTurns);
            w.WriteNumber("escalation_rate", summary.HandoffRate);
            SupportDeskHttp.WriteNumber(w, "average_response_time_ms", summary.TurnLatencyP50Ms);
            SupportDeskHttp.WriteNumber(w, "response_time_p95_ms", summary.TurnLatencyP95Ms);
            SupportDeskHttp.WriteNumber(w, "average_rating", Average(tally.Counts));
            w.WriteNumber("total_ratings", tally.Counts.Sum());
        });
    });

    /// <summary><c>GET /api/v1/analytics/metrics</c>: turns and conversations per day, response times and the states reached.</summary>
    public Task<IResult> MetricsAsync(HttpContext http, CancellationToken cancellationToken) => RunAsync(async analytics =>
    {
        var days = Days(http);
        var summary = await analytics.SummaryAsync(days, ActiveMinutes, cancellationToken);
        var daily = await analytics.TurnsPerDayAsync(days, PageNumber(http), PageSize(http), cancellationToken);
        var funnel = await analytics.FunnelAsync(days, cancellationToken);
        return SupportDeskHttp.Json((summary, daily, funnel), static (w, s) =>
        {
            w.WriteNumber("period_days", s.summary.Days);
            w.WriteStartObject("response_time");
            SupportDeskHttp.WriteNumber(w, "p50_ms", s.summary.TurnLatencyP50Ms);
            SupportDeskHttp.WriteNumber(w, "p95_ms", s.summary.TurnLatencyP95Ms);
            w.WriteEndObject();
            w.WriteNumber("page", s.daily.Page);
            w.WriteNumber("page_size", s.daily.PageSize);
            w.WriteNumber("total_days", s.daily.Total);
            w.WriteStartArray("daily");
            foreach (var day in s.daily.Items)
            {
                w.WriteStartObject();
                w.WriteString("date", day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteNumber("turns", day.Turns);
                w.WriteNumber("conversations", day.Conversations);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("states_reached");
            foreach (var state in s.funnel)
            {
                w.WriteStartObject();
                w.WriteString("state", state.State);
                w.WriteNumber("conversations", state.Conversations);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    });

    /// <summary><c>GET /api/v1/analytics/intents</c>: turns per intent, the most frequent first.</summary>
    public Task<IResult> IntentsAsync(HttpContext http, CancellationToken cancellationToken) => RunAsync(async analytics =>
    {
        var days = Days(http);
        var intents = await analytics.IntentsAsync(days, PageNumber(http), PageSize(http), cancellationToken);
        return SupportDeskHttp.Json((days, intents), static (w, s) =>
        {
            w.WriteNumber("period_days", s.days);
            w.WriteNumber("page", s.intents.Page);
            w.WriteNumber("page_size", s.intents.PageSize);
            w.WriteNumber("total", s.intents.Total);
            w.WriteStartArray("intents");
            foreach (var intent in s.intents.Items)
            {
                w.WriteStartObject();
                w.WriteString("intent", intent.Intent);
                w.WriteNumber("count", intent.Turns);
                w.WriteNumber("percentage", Math.Round(intent.Share * 100, 2));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    });

    /// <summary><c>GET /api/v1/analytics/satisfaction</c>: every turn rating given, counted by value.</summary>
    public async Task<IResult> SatisfactionAsync()
    {
        var tally = await grains.GetGrain<ISatisfactionGrain>(ISatisfactionGrain.Key).GetAsync();
        return SupportDeskHttp.Json(tally, static (w, t) => WriteTally(w, t.Counts, t.Comments, t.LastRatedAt));
    }

    /// <summary>Writes ratings counted by value: totals, average, the share of 4 and 5, the distribution.</summary>
    public static void WriteTally(Utf8JsonWriter w, IReadOnlyList<int> counts, int comments, DateTimeOffset? lastRatedAt)
    {
        var total = counts.Sum();
        w.WriteNumber("total_ratings", total);
        SupportDeskHttp.WriteNumber(w, "average_rating", Average(counts));
        SupportDeskHttp.WriteNumber(w, "satisfaction_rate", total == 0 ? null : (counts[3] + counts[4]) / (double)total);
        w.WriteStartObject("rating_distribution");
        for (var rating = 1; rating <= 5; rating++)
        {
            w.WriteNumber(rating.ToString(CultureInfo.InvariantCulture), counts[rating - 1]);
        }

        w.WriteEndObject();
        w.WriteNumber("with_comments", comments);
        SupportDeskHttp.WriteTime(w, "last_rated_at", lastRatedAt);
    }

    private static double? Average(IReadOnlyList<int> counts)
    {
        var total = counts.Sum();
        return total == 0 ? null : counts.Select((n, i) => n * (i + 1.0)).Sum() / total;
    }

    private async Task<IResult> RunAsync(Func<TranscriptAnalytics, Task<IResult>> query) =>
        services.GetService<TranscriptAnalytics>() is { } analytics
            ? await query(analytics)
            : SupportDeskHttp.Refuse(StatusCodes.Status404NotFound, ErrorCodes.ServiceUnavailable, "Analytics read the transcript in PostgreSQL: run with Cluster:Storage=Postgres.");

    private static int Days(HttpContext http) => Int(http, "days", DefaultDays, 1, MaxDays);

    private static int PageNumber(HttpContext http) => Int(http, "page", 1, 1, int.MaxValue / MaxPageSize);

    private static int PageSize(HttpContext http) => Int(http, "page_size", DefaultPageSize, 1, MaxPageSize);

    private static int Int(HttpContext http, string name, int fallback, int min, int max) =>
        int.TryParse(http.Request.Query[name], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? Math.Clamp(value, min, max)
            : fallback;
}
