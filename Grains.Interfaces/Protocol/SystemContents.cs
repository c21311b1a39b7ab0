namespace Conversations.Grains.Interfaces.Protocol;

/// <summary>The values of a <c>system</c> frame's <c>content</c>.</summary>
public static class SystemContents
{
    /// <summary>Log: the turn started.</summary>
    public const string Processing = "processing";

    /// <summary>Log: a step of the turn.</summary>
    public const string ProcessingStep = "processing_step";

    /// <summary>Log: the conversation waits for something specific from the user.</summary>
    public const string WaitingForInput = "waiting_for_input";

    /// <summary>Log: the conversation moved to another state.</summary>
    public const string StateChanged = "state_changed";

    /// <summary>Log: the conversation was escalated to a human.</summary>
    public const string Handoff = "handoff";

    /// <summary>Connection: the first frame on connecting to a conversation with turns.</summary>
    public const string ConversationResumed = "conversation_resumed";

    /// <summary>Connection: the frames asked for are gone; here is a snapshot.</summary>
    public const string ResyncRequired = "resync_required";

    /// <summary>Connection: the node is shutting down; reconnect anywhere.</summary>
    public const string Reconnect = "reconnect";
}
