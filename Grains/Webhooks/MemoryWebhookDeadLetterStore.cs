using Conversations.Grains.Interfaces.Model;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Webhooks;

/// <summary>
/// Dead letters in this silo's memory, the latest <see cref="WebhookOptions.MemoryDeadLetterLimit"/> of them:
/// the embedded default's store, gone when the process ends.
/// </summary>
public sealed class MemoryWebhookDeadLetterStore(IOptions<WebhookOptions> options) : IWebhookDeadLetterStore
{
    private readonly int _limit = options.Value.MemoryDeadLetterLimit;
    private readonly Lock _lock = new();
    private readonly LinkedList<WebhookDeadLetter> _letters = new();
    private long _lastId;

    /// <inheritdoc />
    public Task<long> AddAsync(WebhookDeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        lock (_lock)
        {
            var stored = letter with { Id = ++_lastId };
            _letters.AddFirst(stored);
            while (_letters.Count > _limit)
            {
                _letters.RemoveLast();
            }

            return Task.FromResult(stored.Id);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookDeadLetter>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<WebhookDeadLetter>>(_letters.Take(limit).ToArray());
        }
    }

    /// <inheritdoc />
    public Task<WebhookDeadLetter?> FindAsync(long id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_letters.FirstOrDefault(l => l.Id == id));
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(long id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            for (var node = _letters.First; node is not null; node = node.Next)
            {
                if (node.Value.Id == id)
                {
                    _letters.Remove(node);
                    return Task.FromResult(true);
                }
            }

            return Task.FromResult(false);
        }
    }
}
