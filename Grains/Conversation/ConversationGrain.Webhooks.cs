using Conversations.Grains.Conversation.Changes;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Webhooks;

namespace Conversations.Grains.Conversation;

// Conversation events for webhooks, raised once the change that makes them is stored. Publishing only queues
// them: a turn never waits for a receiver.
public sealed partial class ConversationGrain
{
    private void PublishTurnEvents(TurnCommitted committed, string? handoffReason)
    {
        var summary = committed.Turn;
        if (!summary.Cancelled)
        {
            webhooks.Publish(new WebhookEvent(
                WebhookEvent.NewId(),
                WebhookEventTypes.TurnAnswered,
                ConversationId,
                summary.Turn,
                summary.StateAfter.ToWireName(),
                summary.StateBefore.ToWireName(),
                summary.StateAfter.ToWireName(),
                summary.Intent.Name,
                null,
                committed.At));
        }

        if (committed.Transition is { } transition)
        {
            webhooks.Publish(new WebhookEvent(
                WebhookEvent.NewId(),
                WebhookEventTypes.StateChanged,
                ConversationId,
                transition.Turn,
                transition.To.ToWireName(),
                transition.From.ToWireName(),
                transition.To.ToWireName(),
                null,
                transition.Reason,
                transition.At));
        }

        if (summary.HandedOff)
        {
            webhooks.Publish(new WebhookEvent(
                WebhookEvent.NewId(),
                WebhookEventTypes.HandedOff,
                ConversationId,
                summary.Turn,
                summary.StateAfter.ToWireName(),
                null,
                null,
                null,
                handoffReason,
                committed.At));
        }
    }

    private void PublishHandedBack(HandedBack change) =>
        webhooks.Publish(new WebhookEvent(
            WebhookEvent.NewId(),
            WebhookEventTypes.HandedBack,
            ConversationId,
            null,
            _state.State.ToWireName(),
            null,
            null,
            null,
            null,
            change.At));
}
