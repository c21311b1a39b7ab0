using Conversations.Gateway.Api;
using Conversations.Gateway.Auth;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Gateway.Operator;

/// <summary>
/// <c>/api/v1/operator/…</c>: the people's side of a hand-off. Operators only when authentication is on (the
/// token's <see cref="AuthOptions.OperatorRole"/>), open like the other operator endpoints when it is off. The
/// page that uses them is served at <c>/operator/</c>.
/// </summary>
public static class OperatorEndpoints
{
    /// <summary>The operator handlers.</summary>
    public static IServiceCollection AddConversationOperators(this IServiceCollection services) =>
        services.AddSingleton<OperatorApi>();

    /// <summary>Maps the queue and the take over, reply and hand back endpoints.</summary>
    public static IEndpointRouteBuilder MapConversationOperators(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var operators = endpoints.MapGroup("/api/v1/operator")
            .WithTags("Operator")
            .RequireConversationsOperator(endpoints.ServiceProvider)
            .RequireRateLimiting(ApiRateLimits.Policy);
        operators.MapGet("/queue", (OperatorApi handler) => handler.QueueAsync())
            .WithName("OperatorQueue")
            .WithSummary("The conversations handed to a person, oldest hand-off first: id, reason, since, the user's latest message and who holds it.")
            .Produces<OperatorQueue>();
        operators.MapGet("/conversations/{conversationId}", (string conversationId, OperatorApi handler) => handler.ConversationAsync(conversationId))
            .WithName("OperatorConversation")
            .WithSummary("Any conversation's snapshot: state, signals and recent turns with the user's messages (the socket's ack frames carry only their ids).")
            .Produces<ConversationSnapshot>();
        operators.MapPost("/conversations/{conversationId}/take", (HttpContext http, string conversationId, OperatorApi handler, CancellationToken ct) => handler.TakeAsync(http, conversationId, ct))
            .WithName("OperatorTakeOver")
            .WithSummary("Takes a handed-off conversation over: system/handoff with metadata.event operator_joined goes into its log. Body (optional): operator_name.")
            .Produces<OperatorActionResult>();
        operators.MapPost("/conversations/{conversationId}/reply", (HttpContext http, string conversationId, OperatorApi handler, CancellationToken ct) => handler.ReplyAsync(http, conversationId, ct))
            .WithName("OperatorReply")
            .WithSummary("Writes to the user as the operator who holds the conversation: assistant_message with author operator. Body: content, optional operator_name.")
            .Accepts<OperatorRequest>("application/json")
            .Produces<OperatorActionResult>();
        operators.MapPost("/conversations/{conversationId}/hand-back", (HttpContext http, string conversationId, OperatorApi handler, CancellationToken ct) => handler.HandBackAsync(http, conversationId, ct))
            .WithName("OperatorHandBack")
            .WithSummary("Hands the conversation back to the assistant, which answers the next message: system/handoff with metadata.event operator_left.")
            .Produces<OperatorActionResult>();
        return endpoints;
    }
}
