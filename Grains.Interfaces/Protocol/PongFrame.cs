namespace Conversations.Grains.Interfaces.Protocol;

/// <summary><c>pong</c>: the answer to a <c>ping</c>.</summary>
public sealed record PongFrame : ServerFrame
{
    /// <inheritdoc />
    protected override string FrameType => FrameTypes.Pong;
}
