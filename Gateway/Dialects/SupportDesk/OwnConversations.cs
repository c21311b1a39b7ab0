using Conversations.Gateway.Auth;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Gateway.Dialects.SupportDesk;

/// <summary>
/// The caller and their conversations, for the support desk's per-user figures: the user is resolved as
/// everywhere (the token's subject, or <c>user_id</c> with authentication off), and only their own
/// conversations are read, the newest <see cref="MaxRead"/> of them.
/// </summary>
internal sealed class OwnConversations(IGrainFactory grains, CallerIdentity identity)
{
    /// <summary>The most conversations one request reads (one grain call each).</summary>
    public const int MaxRead = 100;

    /// <summary>The caller, from the token or the <c>user_id</c> query parameter; or why not.</summary>
    public bool TryResolve(HttpContext http, out string userId, out IResult? refusal)
    {
        userId = string.Empty;
        if (!identity.TryResolve(http, SupportDeskHttp.Query(http, "user_id"), out var resolved, out var refused))
        {
            refusal = refused!.ToResult();
            return false;
        }

        if (resolved is null)
        {
            refusal = SupportDeskHttp.Invalid("Query parameter user_id is required.");
            return false;
        }

        userId = resolved;
        refusal = null;
        return true;
    }

    /// <summary>How many conversations the user has, and the newest <see cref="MaxRead"/> of them, newest first.</summary>
    public async Task<(int Total, ConversationDetails[] Conversations)> ReadAsync(string userId)
    {
        var page = await grains.GetGrain<IUserConversationsGrain>(userId).GetPageAsync(1, MaxRead);
        var details = await Task.WhenAll(page.Items.Select(i => grains.GetGrain<IConversationGrain>(i.ConversationId).GetDetailsAsync()));
        return (page.Total, details.Where(d => d.Exists).ToArray());
    }

    /// <summary>
    /// One conversation the caller may read: 404 when there is none, 403 when it is someone else's (with
    /// authentication on; with it off every conversation is open, as in our API).
    /// </summary>
    public async Task<(ConversationDetails? Details, IResult? Refusal)> ReadOneAsync(string conversationId, string? userId)
    {
        var details = await grains.GetGrain<IConversationGrain>(conversationId).GetDetailsAsync();
        if (!details.Exists)
        {
            return (null, SupportDeskHttp.NotFound($"There is no conversation '{conversationId}'."));
        }

        return identity.Enabled && details.UserId != userId
            ? (null, CallerIdentity.Forbidden(conversationId).ToResult())
            : (details, null);
    }
}
