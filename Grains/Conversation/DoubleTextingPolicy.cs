namespace Conversations.Grains.Conversation;

/// <summary>What to do with a user message that arrives while a reply is being generated.</summary>
public enum DoubleTextingPolicy
{
    /// <summary>Answer it after the current turn.</summary>
    Enqueue = 0,

    /// <summary>Refuse it with <c>CONVERSATION_BUSY</c>; nothing is stored.</summary>
    Reject = 1,

    /// <summary>Cancel the running reply (its partial text is kept and marked) and answer the new message.</summary>
    Interrupt = 2,
}
