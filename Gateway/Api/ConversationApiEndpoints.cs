using Conversations.Gateway.Auth;
using Conversations.Grains.Interfaces.Protocol;
using Scalar.AspNetCore;

namespace Conversations.Gateway.Api;

/// <summary>
/// Maps the HTTP API under <c>/conversations</c>; its OpenAPI document is at <c>/openapi/v1.json</c> and the
/// API reference page over it at <c>/scalar/</c>.
/// </summary>
public static class ConversationApiEndpoints
{
    /// <summary>The services the API needs.</summary>
    public static IServiceCollection AddConversationsApi(this IServiceCollection services)
    {
        services.AddSingleton<TurnRunner>();
        services.AddSingleton<ConversationApi>();
        services.AddApiRateLimits();
        services.AddOpenApi(openApi => openApi.ShouldInclude = description =>
            description.RelativePath is { } path
            && (path.StartsWith("conversations", StringComparison.Ordinal) || path.StartsWith("analytics", StringComparison.Ordinal)
                || path.StartsWith("api/v1/operator", StringComparison.Ordinal)
                || path.StartsWith("users", StringComparison.Ordinal)));
        services.ConfigureHttpJsonOptions(json =>
        {
            // The document describes the bodies as they are written: snake_case, enums by name.
            json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        });
        return services;
    }

    /// <summary>The API reference page (Scalar), over the OpenAPI document.</summary>
    public const string ReferencePath = "/scalar/";

    /// <summary>The OpenAPI document.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>Maps the endpoints, the OpenAPI document and the API reference page.</summary>
    public static WebApplication MapConversationsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi();
        app.MapScalarApiReference();
        var api = app.MapGroup("/conversations")
            .WithTags("Conversations")
            .RequireConversationsUser(app.Services)
            .RequireRateLimiting(ApiRateLimits.Policy);

        api.MapPost("", (HttpContext http, ConversationApi handler, CancellationToken ct) => handler.CreateAsync(http, ct))
            .WithName("CreateConversation")
            .WithSummary("Starts a conversation for a user, optionally answering a first message.")
            .Accepts<CreateConversationRequest>("application/json")
            .Produces<ConversationCreated>(StatusCodes.Status201Created)
            .WithErrors(StatusCodes.Status429TooManyRequests, StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status503ServiceUnavailable);

        api.MapGet("", (HttpContext http, ConversationApi handler) => handler.ListAsync(http))
            .WithName("ListConversations")
            .WithSummary("Lists a user's conversations, newest first (query: user_id, page from 1, page_size 1 to 100, default 20).")
            .Produces<ConversationList>()
            .WithErrors(StatusCodes.Status429TooManyRequests, StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/{conversationId}", (HttpContext http, string conversationId, ConversationApi handler) => handler.GetAsync(http, conversationId))
            .WithName("GetConversation")
            .WithSummary("A conversation's state, transition history, checkpoint snapshot and ratings.")
            .Produces<ConversationView>()
            .WithErrors(StatusCodes.Status429TooManyRequests, StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/{conversationId}/turns", (HttpContext http, string conversationId, ConversationApi handler) => handler.TurnsAsync(http, conversationId))
            .WithName("GetTranscript")
            .WithSummary("The whole stored transcript, oldest turn first, one page at a time (query: after, the last turn read, default 0; limit 1 to 100, default 20). The answer's next is the after of the next page; absent on the last.")
            .Produces<TranscriptView>()
            .WithErrors(StatusCodes.Status429TooManyRequests, StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/{conversationId}/transition", (HttpContext http, string conversationId, ConversationApi handler, CancellationToken ct) => handler.TransitionAsync(http, conversationId, ct))
            .WithName("Transition")
            .WithSummary("One user turn without a socket: the message in; the reply, the new state and the previous one out. 202 with status 'pending' when the reply takes longer than Gateway:HttpTurnTimeout.")
            .Accepts<TransitionRequest>("application/json")
            .Produces<TurnResult>()
            .Produces<TurnResult>(StatusCodes.Status202Accepted)
            .WithErrors(StatusCodes.Status429TooManyRequests, StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/{conversationId}/socket-ticket", (HttpContext http, string conversationId, ConversationApi handler) => handler.TicketAsync(http, conversationId))
            .WithName("IssueSocketTicket")
            .WithSummary("A single-use ticket, valid for Auth:TicketLifetime (30 s), that opens this conversation's WebSocket as ?ticket=..., so that no token travels in a URL.")
            .Produces<SocketTicketIssued>()
            .WithErrors(StatusCodes.Status429TooManyRequests, StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status503ServiceUnavailable);

        api.MapPost("/{conversationId}/feedback", (HttpContext http, string conversationId, ConversationApi handler, CancellationToken ct) => handler.FeedbackAsync(http, conversationId, ct))
            .WithName("RateTurn")
            .WithSummary("Rates an answered turn from 1 to 5, with an optional comment; rating a turn again replaces the rating.")
            .Accepts<FeedbackRequest>("application/json")
            .Produces<FeedbackStored>()
            .WithErrors(StatusCodes.Status429TooManyRequests, StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status503ServiceUnavailable);

        app.MapGet("/users/{userId}/profile", (HttpContext http, string userId, ConversationApi handler) => handler.ProfileAsync(http, userId))
            .WithTags("Users")
            .WithName("GetUserProfile")
            .WithSummary("What the user's conversations learned about them: name, team size, need, budget. For the user themselves or an operator when authentication is on.")
            .RequireConversationsSignedIn(app.Services)
            .RequireRateLimiting(ApiRateLimits.Policy)
            .Produces<UserProfileView>()
            .WithErrors(StatusCodes.Status429TooManyRequests, StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static RouteHandlerBuilder WithErrors(this RouteHandlerBuilder endpoint, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            endpoint.Produces<HttpError>(status);
        }

        return endpoint;
    }
}
