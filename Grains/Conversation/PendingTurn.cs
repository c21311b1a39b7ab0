using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Conversation;

/// <summary>A user turn that was acknowledged and is not answered yet.</summary>
/// <param name="Turn">The turn number.</param>
/// <param name="Message">The user's message.</param>
/// <param name="AckedAt">When it was stored.</param>
/// <param name="Started">Whether its processing began (its <c>system/processing</c> frame is in the log).</param>
/// <param name="TraceParent">
/// The W3C <c>traceparent</c> of the call that submitted it, so that the reply, which runs after that call
/// returned, joins the same trace; <see langword="null"/> when the submit was not traced.
/// </param>
/// <param name="Attempts">
/// How many times work on it began: a turn whose process died while answering it is answered again, up to a
/// limit (<see cref="ConversationOptions.MaxTurnAttempts"/>), then closed with an error.
/// </param>
[GenerateSerializer, Immutable, Alias("conversations.pending-turn.v1")]
public sealed record PendingTurn(
    [property: Id(0)] int Turn,
    [property: Id(1)] UserMessage Message,
    [property: Id(2)] DateTimeOffset AckedAt,
    [property: Id(3)] bool Started,
    [property: Id(4)] string? TraceParent = null,
    [property: Id(5)] int Attempts = 0)
{
    /// <summary>How many times work on it began, counting a start recorded before attempts were counted.</summary>
    public int AttemptsMade => Math.Max(Attempts, Started ? 1 : 0);
}
