using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Webhooks;

/// <summary>Where deliveries that failed every attempt are kept: PostgreSQL, or memory in the embedded default.</summary>
public interface IWebhookDeadLetterStore
{
    /// <summary>Stores a dead letter (its <see cref="WebhookDeadLetter.Id"/> is ignored) and returns the id given to it.</summary>
    Task<long> AddAsync(WebhookDeadLetter letter, CancellationToken cancellationToken);

    /// <summary>The latest dead letters, newest first.</summary>
    Task<IReadOnlyList<WebhookDeadLetter>> ListAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The dead letter with id <paramref name="id"/>, if any.</summary>
    Task<WebhookDeadLetter?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>Deletes the dead letter with id <paramref name="id"/>; false when there was none.</summary>
    Task<bool> RemoveAsync(long id, CancellationToken cancellationToken);
}
