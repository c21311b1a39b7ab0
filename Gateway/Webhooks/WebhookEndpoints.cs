using System.Globalization;
using Conversations.Gateway.Api;
using Conversations.Gateway.Auth;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;

namespace Conversations.Gateway.Webhooks;

/// <summary>
/// <c>/api/v1/webhooks/dead-letters</c>: the webhook events not delivered after every attempt, and their
/// redelivery. Operators only, rate limited like the API.
/// </summary>
internal static class WebhookEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapWebhookDeadLetters(this IEndpointRouteBuilder endpoints)
    {
        var deadLetters = endpoints.MapGroup("/api/v1/webhooks/dead-letters")
            .RequireConversationsOperator(endpoints.ServiceProvider)
            .RequireRateLimiting(ApiRateLimits.Policy);
        deadLetters.MapGet("", ListAsync);
        deadLetters.MapPost("/{deadLetterId}/redeliver", RedeliverAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IGrainFactory grains)
    {
        var limit = int.TryParse(http.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? Math.Clamp(value, 1, MaxLimit)
            : DefaultLimit;
        var letters = await grains.GetGrain<IWebhookDeadLettersGrain>(IWebhookDeadLettersGrain.Key).ListAsync(limit);
        return Results.Json(new DeadLetterList(letters), WebhookApiJsonContext.Default.DeadLetterList);
    }

    private static async Task<IResult> RedeliverAsync(string deadLetterId, IGrainFactory grains)
    {
        if (!long.TryParse(deadLetterId, NumberStyles.None, CultureInfo.InvariantCulture, out var letterId))
        {
            return new HttpRefusal(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"No dead letter has id '{deadLetterId}'.").ToResult();
        }

        var result = await grains.GetGrain<IWebhookDeadLettersGrain>(IWebhookDeadLettersGrain.Key).RedeliverAsync(letterId);
        var letter = result.Letter;
        return result.Outcome switch
        {
            RedeliveryOutcome.Queued => Results.Json(
                new RedeliveryQueued(letterId, letter?.EventId ?? ""),
                WebhookApiJsonContext.Default.RedeliveryQueued,
                statusCode: StatusCodes.Status202Accepted),
            RedeliveryOutcome.EndpointGone => new HttpRefusal(
                StatusCodes.Status409Conflict,
                ErrorCodes.NotFound,
                $"Dead letter {letterId} is for endpoint '{letter?.Endpoint}', which Conversations:Webhooks:Endpoints no longer lists.").ToResult(),
            RedeliveryOutcome.QueueFull => new HttpRefusal(
                StatusCodes.Status503ServiceUnavailable,
                ErrorCodes.ServiceUnavailable,
                "The webhook queue is full; try again later.").ToResult(),
            _ => new HttpRefusal(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"No dead letter has id {letterId}.").ToResult(),
        };
    }
}
