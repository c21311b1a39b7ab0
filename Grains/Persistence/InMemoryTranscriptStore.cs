using System.Collections.Concurrent;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Persistence;

/// <summary>The transcript in this process's memory, for the embedded default; lost when the process stops.</summary>
public sealed class InMemoryTranscriptStore : ITranscriptStore
{
    private readonly ConcurrentDictionary<string, SortedList<int, TurnSummary>> _conversations = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task AppendAsync(string conversationId, IReadOnlyList<TurnSummary> turns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turns);
        var stored = _conversations.GetOrAdd(conversationId, _ => []);
        lock (stored)
        {
            foreach (var turn in turns)
            {
                stored.TryAdd(turn.Turn, turn);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string conversationId, CancellationToken cancellationToken)
    {
        _conversations.TryRemove(conversationId, out _);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TurnSummary>> ReadAsync(string conversationId, CancellationToken cancellationToken)
    {
        if (!_conversations.TryGetValue(conversationId, out var stored))
        {
            return Task.FromResult<IReadOnlyList<TurnSummary>>([]);
        }

        lock (stored)
        {
            return Task.FromResult<IReadOnlyList<TurnSummary>>([.. stored.Values]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TurnSummary>> ReadAsync(string conversationId, int afterTurn, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (!_conversations.TryGetValue(conversationId, out var stored))
        {
            return Task.FromResult<IReadOnlyList<TurnSummary>>([]);
        }

        lock (stored)
        {
            return Task.FromResult<IReadOnlyList<TurnSummary>>([.. stored.Values.Where(t => t.Turn > afterTurn).Take(limit)]);
        }
    }
}
