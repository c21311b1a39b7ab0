namespace Conversations.Grains.Conversation.Turns;

/// <summary>What happens to the first pending turn (<see cref="TurnRules.NextStep"/>).</summary>
public enum TurnStep
{
    /// <summary>It is answered.</summary>
    Answer,

    /// <summary>A person has the conversation: it is kept without a reply.</summary>
    Silent,

    /// <summary>A newer message interrupts it before it started: it ends as cancelled.</summary>
    Superseded,

    /// <summary>It was started as many times as a turn may be: it ends with an error, its message kept.</summary>
    GiveUp,
}
