namespace Conversations.Grains.Interfaces.Model;

/// <summary>
/// The item carried on a conversation stream: consecutive log frames that were stored together.
/// </summary>
/// <param name="Frames">Frames in <c>seq</c> order, without gaps.</param>
[GenerateSerializer, Immutable, Alias("conversations.frame-batch.v1")]
public sealed record FrameBatch([property: Id(0)] IReadOnlyList<LogFrame> Frames);
