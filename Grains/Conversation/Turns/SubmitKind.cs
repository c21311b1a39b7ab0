namespace Conversations.Grains.Conversation.Turns;

/// <summary>The kinds of <see cref="SubmitDecision"/>.</summary>
public enum SubmitKind
{
    /// <summary>A new turn.</summary>
    Accept,

    /// <summary>The message id was already accepted: its original ack is the answer, no turn is made.</summary>
    Duplicate,

    /// <summary>A reply is running and the policy refuses a second message, or the queue of turns is full.</summary>
    Busy,
}
