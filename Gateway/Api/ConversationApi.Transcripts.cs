using Conversations.Gateway.Auth;
using Conversations.Gateway.WebSockets;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Protocol;

namespace Conversations.Gateway.Api;

// The whole transcript, page by page, and the user's profile.
public sealed partial class ConversationApi
{
    /// <summary>The most turns on one page of a transcript.</summary>
    public const int MaxTranscriptPage = 100;

    private const int DefaultTranscriptPage = 20;

    /// <summary><c>GET /conversations/{conversationId}/turns?after=&amp;limit=</c>.</summary>
    public async Task<IResult> TurnsAsync(HttpContext http, string conversationId)
    {
        if (CheckConversationId(conversationId) is { } badId)
        {
            return badId.ToResult();
        }

        var query = http.Request.Query;
        if (!TryReadInt(query, "after", 0, 0, int.MaxValue, out var after)
            || !TryReadInt(query, "limit", DefaultTranscriptPage, 1, MaxTranscriptPage, out var limit))
        {
            return Invalid($"Query parameters after (a turn, from 0) and limit (1 to {MaxTranscriptPage}) must be whole numbers in range.");
        }

        if (Resolve(http, null, out var userId) is { } refusal)
        {
            return refusal.ToResult();
        }

        var (details, denied) = await ReadableAsync(conversationId, userId);
        if (details is null)
        {
            return denied!.ToResult();
        }

        var page = await grains.GetGrain<IConversationGrain>(conversationId).GetTranscriptAsync(after, limit);
        return Results.Json(
            new TranscriptView(conversationId, page.TurnCount, after, limit, page.Turns, page.Next),
            ApiJsonContext.Default.TranscriptView);
    }

    /// <summary><c>GET /users/{userId}/profile</c>: for the user themselves, or an operator, when authentication is on.</summary>
    public async Task<IResult> ProfileAsync(HttpContext http, string userId)
    {
        if (string.IsNullOrWhiteSpace(userId) || userId.Length > ConversationEndpoint.MaxUserIdChars)
        {
            return Invalid($"The user id must be 1 to {ConversationEndpoint.MaxUserIdChars} characters.");
        }

        if (identity.Enabled && !identity.IsOperator(http) && http.User.FindFirst(CallerIdentity.SubjectClaim)?.Value != userId)
        {
            return new HttpRefusal(StatusCodes.Status403Forbidden, ErrorCodes.Unauthorized, $"The profile of '{userId}' may be read by that user or by an operator.").ToResult();
        }

        var profile = await grains.GetGrain<IUserProfileGrain>(userId).GetAsync();
        var facts = profile.Facts;
        return Results.Json(
            new UserProfileView(profile.UserId, facts.Name, facts.TeamSize, facts.Need, facts.Budget, profile.LearnedFrom, profile.UpdatedAt),
            ApiJsonContext.Default.UserProfileView);
    }
}
