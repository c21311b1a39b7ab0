namespace Conversations.Grains.Interfaces.Model;

/// <summary>What became of a submitted user message.</summary>
[GenerateSerializer]
public enum SubmitOutcome
{
    /// <summary>Stored as a new turn; its ack was published on the stream.</summary>
    Accepted = 0,

    /// <summary>The id was accepted before; the original ack is returned and no turn is created.</summary>
    Duplicate = 1,

    /// <summary>Refused by the double-texting policy (<c>CONVERSATION_BUSY</c>); nothing was stored.</summary>
    Busy = 2,
}
