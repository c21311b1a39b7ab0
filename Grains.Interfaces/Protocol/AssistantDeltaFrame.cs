namespace Conversations.Grains.Interfaces.Protocol;

/// <summary><c>assistant_delta</c>: a piece of the reply as it is generated.</summary>
public sealed record AssistantDeltaFrame : ServerFrame
{
    /// <inheritdoc />
    protected override string FrameType => FrameTypes.AssistantDelta;

    /// <summary>The turn being answered.</summary>
    public required int Turn { get; init; }

    /// <summary>The text to append to the reply.</summary>
    public required string Delta { get; init; }
}
