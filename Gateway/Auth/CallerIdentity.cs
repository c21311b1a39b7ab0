using Conversations.Gateway.Hosting;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Auth;

/// <summary>
/// Who a request acts for, and whether they may use a conversation. With authentication on, the user is the
/// token's <c>sub</c> claim (a <c>user_id</c> given beside it must be the same) and a conversation belongs to
/// the first user who uses it. With it off, the user is whatever <c>user_id</c> the client gives, and every
/// conversation is open to every client.
/// </summary>
public sealed class CallerIdentity(IOptions<AuthOptions> options, IOptionsMonitor<GatewayOptions> gateway, IGrainFactory grains, TimeProvider time)
{
    /// <summary>The claim that names the user.</summary>
    public const string SubjectClaim = "sub";

    /// <summary>Whether requests carry tokens.</summary>
    public bool Enabled => options.Value.Enabled == true;

    /// <summary>
    /// Whether the request carries an operator's token (<see cref="AuthOptions.OperatorRole"/>): operators may
    /// watch any conversation's socket, to answer handed-off conversations.
    /// </summary>
    public bool IsOperator(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var auth = options.Value;
        return Enabled && http.User.HasClaim(auth.RoleClaim, auth.OperatorRole);
    }

    /// <summary>The user the request acts for, or why it is refused.</summary>
    /// <param name="http">The request.</param>
    /// <param name="declared">The <c>user_id</c> the request gives, if any.</param>
    /// <param name="userId">The user; <see langword="null"/> when authentication is off and none is given.</param>
    /// <param name="refusal">Why the request is refused.</param>
    public bool TryResolve(HttpContext http, string? declared, out string? userId, out HttpRefusal? refusal)
    {
        ArgumentNullException.ThrowIfNull(http);
        refusal = null;
        if (!Enabled)
        {
            userId = declared;
            return true;
        }

        userId = http.User.FindFirst(SubjectClaim)?.Value;
        if (string.IsNullOrEmpty(userId))
        {
            refusal = new HttpRefusal(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "The request has no token with a 'sub' claim naming the user.");
            return false;
        }

        if (declared is not null && declared != userId)
        {
            refusal = new HttpRefusal(StatusCodes.Status403Forbidden, ErrorCodes.Unauthorized, $"user_id '{declared}' is not the user of the token; leave user_id out or give the token's own.");
            userId = null;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="userId"/> may use the conversation: with authentication on, claims it when it
    /// has no owner yet (within the user's cap) and refuses someone else's; with it off, always allows.
    /// </summary>
    public async Task<HttpRefusal?> CheckOwnerAsync(string conversationId, string? userId)
    {
        if (!Enabled)
        {
            return null;
        }

        ArgumentException.ThrowIfNullOrEmpty(userId);
        return await ClaimAsync(conversationId, userId);
    }

    /// <summary>
    /// Makes <paramref name="userId"/> the owner of a conversation that has none, or checks that they are.
    /// A conversation new to the user takes a place in their list first, so one past
    /// <see cref="GatewayOptions.MaxConversationsPerUser"/> is refused before anything of it is stored.
    /// </summary>
    public async Task<HttpRefusal?> ClaimAsync(string conversationId, string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var conversation = grains.GetGrain<IConversationGrain>(conversationId);
        var details = await conversation.GetDetailsAsync();
        if (details.UserId is not null)
        {
            return details.UserId == userId ? null : Forbidden(conversationId);
        }

        var limit = gateway.CurrentValue.MaxConversationsPerUser;
        var list = grains.GetGrain<IUserConversationsGrain>(userId);
        var createdAt = details.Exists ? details.Snapshot.CreatedAt : time.GetUtcNow();
        if (!await list.TryAddAsync(new ConversationListing(conversationId, createdAt), limit))
        {
            return TooManyConversations(userId, limit);
        }

        if (await conversation.ClaimAsync(userId))
        {
            return null;
        }

        // Another user claimed it in between: give the place back.
        await list.RemoveAsync(conversationId);
        return Forbidden(conversationId);
    }

    /// <summary>The refusal of one conversation more than the user may have.</summary>
    public static HttpRefusal TooManyConversations(string userId, int limit) =>
        new(StatusCodes.Status429TooManyRequests, ErrorCodes.TooManyConversations, $"User '{userId}' already has {limit} conversations, the most allowed; continue one of them (GET /conversations lists them) or wait for retention to remove old ones.");

    /// <summary>The refusal for someone else's conversation.</summary>
    public static HttpRefusal Forbidden(string conversationId) =>
        new(StatusCodes.Status403Forbidden, ErrorCodes.Unauthorized, $"Conversation '{conversationId}' belongs to another user.");
}
