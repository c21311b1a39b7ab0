namespace Conversations.Grains.Webhooks;

/// <summary>
/// One conversation event, the JSON body of a webhook request (snake_case names, absent fields left out).
/// Fields are only ever added.
/// </summary>
/// <param name="Id">The event's id, unique; the same in every attempt and redelivery (also header <c>X-Conversations-Event-Id</c>).</param>
/// <param name="Type">One of <see cref="WebhookEventTypes"/>.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Turn">The turn that made the event; absent for a hand-back, which no turn makes.</param>
/// <param name="State">The conversation's state after the event (wire name, e.g. <c>qualification</c>).</param>
/// <param name="From">For <c>state.changed</c> and <c>turn.answered</c>: the state before.</param>
/// <param name="To">For <c>state.changed</c> and <c>turn.answered</c>: the state after.</param>
/// <param name="Intent">For <c>turn.answered</c>: the intent the user's message was understood as.</param>
/// <param name="Reason">For <c>state.changed</c> and <c>conversation.handed_off</c>: why.</param>
/// <param name="Timestamp">When it happened (UTC).</param>
public sealed record WebhookEvent(
    string Id,
    string Type,
    string ConversationId,
    int? Turn,
    string State,
    string? From,
    string? To,
    string? Intent,
    string? Reason,
    DateTimeOffset Timestamp)
{
    /// <summary>A new unique event id, ordered by time: <c>evt_</c> and 32 hex digits.</summary>
    public static string NewId() => $"evt_{Guid.CreateVersion7():N}";
}
