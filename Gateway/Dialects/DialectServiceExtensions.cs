using Conversations.Gateway.Auth;
using Conversations.Gateway.Dialects.MeetingMuse;
using Conversations.Gateway.Dialects.SupportDesk;
using Conversations.Gateway.Hosting;
using Conversations.Gateway.WebSockets;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Dialects;

/// <summary>Registers and maps the dialects of earlier systems' clients, each over the same conversation grains.</summary>
public static class DialectServiceExtensions
{
    /// <summary>The dialects' services and settings (earlier systems' setting names included).</summary>
    public static WebApplicationBuilder AddConversationDialects(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddMeetingMuseSettingNames();
        var services = builder.Services;
        services.AddOptions<MeetingMuseOptions>().BindConfiguration(MeetingMuseOptions.SectionName);
        services.AddSingleton<NativeDialect>();
        services.AddSingleton<MeetingMuseDialect>();
        services.AddSingleton<SupportDeskApi>();
        services.AddSingleton<OwnConversations>();
        services.AddSingleton<SupportDeskKnowledgeApi>();
        services.AddSingleton<SupportDeskAnalyticsApi>();
        services.AddSingleton<SupportDeskMetricsApi>();
        services.AddSingleton<SupportDeskFeedbackApi>();
        services.AddSingleton<SupportDeskProfileApi>();
        return builder;
    }

    /// <summary>The dialects' endpoints.</summary>
    public static IEndpointRouteBuilder MapConversationDialects(this IEndpointRouteBuilder endpoints)
    {
        // MeetingMuse: the client id is the conversation.
        endpoints.Map("/ws/{client_id}", (HttpContext http, string client_id, MeetingMuseDialect dialect) =>
            ConversationEndpoint.ServeAsync(http, client_id, dialect));

        // Support desk: the client id is the conversation; without one the server makes one up and says which.
        var gateway = endpoints.ServiceProvider.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var supportDesk = new SupportDeskDialect(gateway, announcesId: false);
        var supportDeskAssigned = new SupportDeskDialect(gateway, announcesId: true);
        endpoints.Map("/api/v1/chat/ws/{client_id}", (HttpContext http, string client_id) =>
            ConversationEndpoint.ServeAsync(http, client_id, supportDesk));
        endpoints.Map("/api/v1/chat/ws", (HttpContext http) =>
            ConversationEndpoint.ServeAsync(http, $"sd-{Guid.NewGuid():N}", supportDeskAssigned));

        // Its REST API, with our API's authentication and rate limit.
        var api = endpoints.MapGroup("/api/v1").RequireRateLimiting(Api.ApiRateLimits.Policy);
        api.MapGet("/health", (SupportDeskApi handler) => handler.Health());
        var users = api.MapGroup("").RequireConversationsUser(endpoints.ServiceProvider);
        users.MapPost("/chat/messages", (HttpContext http, SupportDeskApi handler, CancellationToken ct) => handler.SendAsync(http, ct));
        users.MapGet("/chat/conversations", (HttpContext http, SupportDeskApi handler) => handler.ListAsync(http));
        users.MapGet("/chat/conversations/{conversationId}", (HttpContext http, string conversationId, SupportDeskApi handler) => handler.GetAsync(http, conversationId));
        api.MapGet("/chat/ws/stats", (SupportDeskApi handler) => handler.Stats()).RequireConversationsOperator(endpoints.ServiceProvider);

        users.MapGet("/knowledge/search", (HttpContext http, SupportDeskKnowledgeApi handler) => handler.SearchAsync(http));
        users.MapGet("/knowledge/categories", (SupportDeskKnowledgeApi handler) => handler.CategoriesAsync());
        users.MapPost("/knowledge/feedback", (HttpContext http, SupportDeskKnowledgeApi handler, CancellationToken ct) => handler.FeedbackAsync(http, ct));

        users.MapGet("/metrics/conversation-quality", (HttpContext http, SupportDeskMetricsApi handler) => handler.QualityAsync(http));
        users.MapGet("/metrics/conversation-flow/{conversation_id}", (HttpContext http, string conversation_id, SupportDeskMetricsApi handler) => handler.FlowAsync(http, conversation_id));
        users.MapGet("/metrics/intent-resolution-rate", (HttpContext http, SupportDeskMetricsApi handler) => handler.IntentResolutionAsync(http));
        users.MapGet("/metrics/escalation-predictions", (HttpContext http, SupportDeskMetricsApi handler) => handler.EscalationPredictionsAsync(http));

        users.MapPost("/feedback", (HttpContext http, SupportDeskFeedbackApi handler, CancellationToken ct) => handler.FeedbackAsync(http, ct));
        users.MapPost("/feedback/rating", (HttpContext http, SupportDeskFeedbackApi handler, CancellationToken ct) => handler.RatingAsync(http, ct));
        users.MapGet("/feedback/summary", (HttpContext http, SupportDeskFeedbackApi handler) => handler.SummaryAsync(http));
        users.MapGet("/profile", (HttpContext http, SupportDeskProfileApi handler) => handler.GetAsync(http));

        // Figures over every user's conversations: operators only, as our /analytics.
        var analytics = api.MapGroup("/analytics").RequireConversationsOperator(endpoints.ServiceProvider);
        analytics.MapGet("/overview", (HttpContext http, SupportDeskAnalyticsApi handler, CancellationToken ct) => handler.OverviewAsync(http, ct));
        analytics.MapGet("/metrics", (HttpContext http, SupportDeskAnalyticsApi handler, CancellationToken ct) => handler.MetricsAsync(http, ct));
        analytics.MapGet("/intents", (HttpContext http, SupportDeskAnalyticsApi handler, CancellationToken ct) => handler.IntentsAsync(http, ct));
        analytics.MapGet("/satisfaction", (SupportDeskAnalyticsApi handler) => handler.SatisfactionAsync());
        return endpoints;
    }
}
