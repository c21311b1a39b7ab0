namespace Conversations.Grains.Webhooks;

/// <summary>The types of webhook events, as they appear in the body's <c>type</c> field.</summary>
public static class WebhookEventTypes
{
    /// <summary>A turn was answered: its reply is stored and sent.</summary>
    public const string TurnAnswered = "turn.answered";

    /// <summary>A turn moved the conversation from one state to another.</summary>
    public const string StateChanged = "state.changed";

    /// <summary>A turn handed the conversation to a person.</summary>
    public const string HandedOff = "conversation.handed_off";

    /// <summary>A person handed the conversation back to the assistant.</summary>
    public const string HandedBack = "conversation.handed_back";

    /// <summary>Every type, for filters.</summary>
    public static IReadOnlyList<string> All { get; } = [TurnAnswered, StateChanged, HandedOff, HandedBack];
}
