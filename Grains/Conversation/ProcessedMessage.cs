namespace Conversations.Grains.Conversation;

/// <summary>A client message id that was accepted, and enough of its ack to send it again.</summary>
[GenerateSerializer, Immutable, Alias("conversations.processed-message.v1")]
public sealed record ProcessedMessage(
    [property: Id(0)] string Id,
    [property: Id(1)] int Turn,
    [property: Id(2)] long AckSeq,
    [property: Id(3)] DateTime AckedAt);
