namespace Conversations.Grains.Interfaces.Model;

/// <summary>One user turn as the gateway accepted it.</summary>
/// <param name="Id">The client's message id, unique within the conversation.</param>
/// <param name="Content">The message text.</param>
/// <param name="UserName">The name to use in replies, when the client gave one.</param>
/// <param name="UserId">Who is talking, when known.</param>
[GenerateSerializer, Immutable, Alias("conversations.user-message.v1")]
public sealed record UserMessage(
    [property: Id(0)] string Id,
    [property: Id(1)] string Content,
    [property: Id(2)] string? UserName,
    [property: Id(3)] string? UserId);
