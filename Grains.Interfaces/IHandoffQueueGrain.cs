using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Interfaces;

/// <summary>
/// The conversations handed to a person, oldest first, and a daily count of what operators did with them. The
/// conversation grains keep it up to date as they hand off, are taken over, hear from their user and are handed
/// back; the conversation's own log stays the truth, this is the operators' index of it. One grain, key <see cref="Key"/>.
/// </summary>
public interface IHandoffQueueGrain : IGrainWithStringKey
{
    /// <summary>The key of the one queue.</summary>
    public const string Key = "all";

    /// <summary>Puts a handed-off conversation in the queue (again, if it was already there: the newer entry wins).</summary>
    /// <param name="entry">The conversation, why and since when.</param>
    Task HandedOffAsync(HandoffEntry entry);

    /// <summary>Notes the user's latest message in a queued conversation.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="content">What the user wrote.</param>
    /// <param name="at">When.</param>
    Task UserMessageAsync(string conversationId, string content, DateTimeOffset at);

    /// <summary>Notes that an operator took a queued conversation over.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="by">The operator.</param>
    /// <param name="at">When.</param>
    Task TakenAsync(string conversationId, OperatorIdentity by, DateTimeOffset at);

    /// <summary>Counts a message an operator sent.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="at">When.</param>
    Task OperatorRepliedAsync(string conversationId, DateTimeOffset at);

    /// <summary>Takes a conversation handed back to the assistant off the queue.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="at">When.</param>
    Task HandedBackAsync(string conversationId, DateTimeOffset at);

    /// <summary>
    /// Lists a handed-off conversation that the queue does not have (a notice lost to a failure), counting
    /// nothing: the conversation grain calls it when it is activated while handed off.
    /// </summary>
    /// <param name="entry">The conversation as its checkpoint has it.</param>
    Task EnsureListedAsync(HandoffEntry entry);

    /// <summary>Takes a conversation off the queue without counting a hand-back (retention deleted it).</summary>
    /// <param name="conversationId">The conversation.</param>
    Task RemoveAsync(string conversationId);

    /// <summary>The queue, oldest hand-off first.</summary>
    Task<IReadOnlyList<HandoffEntry>> ListAsync();

    /// <summary>The counts over the last <paramref name="days"/> UTC days, today included, and the queue's size now.</summary>
    /// <param name="days">The window, from 1 to <see cref="MaxDays"/>.</param>
    Task<HandoffTally> TallyAsync(int days);

    /// <summary>How many days of counts the queue keeps.</summary>
    public const int MaxDays = 366;
}
