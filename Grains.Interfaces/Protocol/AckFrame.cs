namespace Conversations.Grains.Interfaces.Protocol;

/// <summary><c>ack</c>: the user message is durably stored and will be answered.</summary>
public sealed record AckFrame : ServerFrame
{
    /// <inheritdoc />
    protected override string FrameType => FrameTypes.Ack;

    /// <summary>The client's message id.</summary>
    public required string Id { get; init; }

    /// <summary>The turn the message opened.</summary>
    public required int Turn { get; init; }
}
