namespace Conversations.Grains.Interfaces.Model;

/// <summary>What became of an operator's request on a conversation.</summary>
public enum OperatorOutcome
{
    /// <summary>Done: its frame is stored and published.</summary>
    Done,

    /// <summary>Nothing to do: the operator already holds the conversation.</summary>
    AlreadyHeld,

    /// <summary>The conversation is not handed to a person.</summary>
    NotHandedOff,

    /// <summary>Another operator holds the conversation.</summary>
    HeldByAnother,

    /// <summary>The operator has not taken the conversation over.</summary>
    NotHeld,
}
