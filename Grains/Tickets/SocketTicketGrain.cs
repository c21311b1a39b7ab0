using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Tickets;

/// <summary>
/// A socket ticket in memory. Nothing is stored: a ticket lost with its silo is asked for again. The
/// activation goes when the ticket is redeemed or expires, so tickets cost memory for their lifetime only.
/// </summary>
public sealed class SocketTicketGrain(TimeProvider time) : Grain, ISocketTicketGrain
{
    private SocketTicket? _ticket;
    private IGrainTimer? _expiry;

    /// <inheritdoc />
    public Task IssueAsync(SocketTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        _ticket = ticket;
        var due = ticket.ExpiresAt - time.GetUtcNow();
        _expiry?.Dispose();
        _expiry = this.RegisterGrainTimer(Expire, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<SocketTicket?> RedeemAsync()
    {
        var ticket = _ticket;
        _ticket = null;
        DeactivateOnIdle();
        return Task.FromResult(ticket is not null && ticket.ExpiresAt > time.GetUtcNow() ? ticket : null);
    }

    private Task Expire()
    {
        _ticket = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
