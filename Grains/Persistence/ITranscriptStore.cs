using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Persistence;

/// <summary>
/// The whole transcript of every conversation, append-only, outside the checkpoint (which keeps only recent
/// turns). Appends are idempotent: writing a turn again never makes a second row.
/// </summary>
public interface ITranscriptStore
{
    /// <summary>Stores completed turns; turns already stored are left as they are.</summary>
    Task AppendAsync(string conversationId, IReadOnlyList<TurnSummary> turns, CancellationToken cancellationToken);

    /// <summary>Removes a conversation's transcript.</summary>
    Task DeleteAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>A conversation's stored turns, oldest first.</summary>
    Task<IReadOnlyList<TurnSummary>> ReadAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>A conversation's stored turns after <paramref name="afterTurn"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<TurnSummary>> ReadAsync(string conversationId, int afterTurn, int limit, CancellationToken cancellationToken);
}
