using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Interfaces;

/// <summary>
/// One socket ticket, kept in memory only: issued by the gateway that checked a user's token, redeemed once
/// by whichever gateway the socket reaches. The key is a hash of the ticket, never the ticket itself.
/// </summary>
public interface ISocketTicketGrain : IGrainWithStringKey
{
    /// <summary>Stores the ticket until it expires or is redeemed.</summary>
    Task IssueAsync(SocketTicket ticket);

    /// <summary>Returns the ticket and forgets it, or <see langword="null"/> when it is unknown, used or expired.</summary>
    Task<SocketTicket?> RedeemAsync();
}
