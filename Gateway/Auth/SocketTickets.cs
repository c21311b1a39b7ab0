using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Auth;

/// <summary>
/// Short-lived, single-use tickets that open one conversation's WebSocket, so that a token never has to
/// travel in a URL (URLs end up in proxies' access logs). A ticket is 256 random bits, handed out by
/// <c>POST /conversations/{id}/socket-ticket</c> to the holder of a valid token and kept by the cluster
/// (any gateway redeems it) under its hash.
/// </summary>
public sealed class SocketTickets(IGrainFactory grains, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>The query parameter that carries a ticket.</summary>
    public const string QueryParameter = "ticket";

    /// <summary>The authentication type of a principal made from a ticket.</summary>
    public const string AuthenticationType = "socket-ticket";

    /// <summary>Issues a ticket for <paramref name="userId"/> to open <paramref name="conversationId"/>.</summary>
    /// <returns>The ticket and what it stands for.</returns>
    public async Task<(string Ticket, SocketTicket Grant)> IssueAsync(string userId, string conversationId, DateTimeOffset? tokenExpiresAt)
    {
        var ticket = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var grant = new SocketTicket(userId, conversationId, time.GetUtcNow() + options.Value.TicketLifetime, tokenExpiresAt);
        await grains.GetGrain<ISocketTicketGrain>(KeyOf(ticket)).IssueAsync(grant);
        return (ticket, grant);
    }

    /// <summary>Redeems a ticket: what it stands for, or <see langword="null"/> when it is unknown, used or expired.</summary>
    public Task<SocketTicket?> RedeemAsync(string ticket) =>
        string.IsNullOrEmpty(ticket) || ticket.Length > 64
            ? Task.FromResult<SocketTicket?>(null)
            : grains.GetGrain<ISocketTicketGrain>(KeyOf(ticket)).RedeemAsync();

    /// <summary>The user a redeemed ticket acts for, with the expiry of the token it was issued for.</summary>
    public static ClaimsPrincipal Principal(SocketTicket grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var claims = new List<Claim> { new(CallerIdentity.SubjectClaim, grant.UserId) };
        if (grant.TokenExpiresAt is { } expires)
        {
            claims.Add(new Claim(TokenExpiry.ExpiresClaim, expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, CallerIdentity.SubjectClaim, null));
    }

    private static string KeyOf(string ticket) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ticket)));
}
