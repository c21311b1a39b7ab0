namespace Conversations.Grains.Interfaces.Model;

/// <summary>
/// One frame of a conversation's log, already serialized as the UTF-8 JSON text frame that clients receive.
/// </summary>
/// <param name="Seq">The frame's position in the conversation log, from 1, without gaps.</param>
/// <param name="Turn">The turn the frame belongs to.</param>
/// <param name="Json">The frame as sent on the WebSocket.</param>
/// <param name="EndsTurn">Whether the frame ends its turn (<c>assistant_message</c>, or an <c>error</c> in its place).</param>
[GenerateSerializer, Immutable, Alias("conversations.log-frame.v1")]
public sealed record LogFrame(
    [property: Id(0)] long Seq,
    [property: Id(1)] int Turn,
    [property: Id(2)] byte[] Json,
    [property: Id(3)] bool EndsTurn = false);
