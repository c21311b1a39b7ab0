using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Webhooks;

/// <summary>Operators' view of the dead letters, and their redelivery through this silo's queue.</summary>
public sealed class WebhookDeadLettersGrain(
    IWebhookDeadLetterStore store,
    IWebhookPublisher publisher,
    IOptions<WebhookOptions> options) : Grain, IWebhookDeadLettersGrain
{
    /// <summary>The most dead letters one list returns.</summary>
    public const int MaxListed = 500;

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookDeadLetter>> ListAsync(int limit) =>
        store.ListAsync(Math.Clamp(limit, 1, MaxListed), CancellationToken.None);

    /// <inheritdoc />
    public async Task<RedeliveryResult> RedeliverAsync(long id)
    {
        if (await store.FindAsync(id, CancellationToken.None) is not { } letter)
        {
            return new RedeliveryResult(RedeliveryOutcome.NotFound, null);
        }

        if (!options.Value.Endpoints.Exists(e => string.Equals(e.Name, letter.Endpoint, StringComparison.Ordinal)))
        {
            return new RedeliveryResult(RedeliveryOutcome.EndpointGone, letter);
        }

        // Queued before it is deleted: a failure in between sends the event twice (with the same id), never not at all.
        if (!publisher.TryQueue(new WebhookDelivery(letter.Endpoint, letter.EventId, letter.EventType, letter.ConversationId, letter.Body)))
        {
            return new RedeliveryResult(RedeliveryOutcome.QueueFull, letter);
        }

        await store.RemoveAsync(id, CancellationToken.None);
        return new RedeliveryResult(RedeliveryOutcome.Queued, letter);
    }
}
