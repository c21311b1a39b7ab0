namespace Conversations.Grains.Interfaces.Model;

/// <summary>What people did with handed-off conversations over a window of days.</summary>
/// <param name="Days">The window, in UTC days ending today.</param>
/// <param name="HandedOff">Conversations handed to a person.</param>
/// <param name="Taken">Hand-offs an operator took over.</param>
/// <param name="OperatorReplies">Messages operators sent.</param>
/// <param name="HandedBack">Conversations handed back to the assistant.</param>
/// <param name="Waiting">Conversations in the queue now that no operator holds.</param>
/// <param name="Held">Conversations in the queue now that an operator holds.</param>
[GenerateSerializer, Immutable, Alias("conversations.handoff-tally.v1")]
public sealed record HandoffTally(
    [property: Id(0)] int Days,
    [property: Id(1)] long HandedOff,
    [property: Id(2)] long Taken,
    [property: Id(3)] long OperatorReplies,
    [property: Id(4)] long HandedBack,
    [property: Id(5)] int Waiting,
    [property: Id(6)] int Held);
