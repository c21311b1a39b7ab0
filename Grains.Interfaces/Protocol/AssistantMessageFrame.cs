using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Interfaces.Protocol;

/// <summary><c>assistant_message</c>: the complete reply, sent after the checkpoint with it is stored.</summary>
public sealed record AssistantMessageFrame : ServerFrame
{
    /// <inheritdoc />
    protected override string FrameType => FrameTypes.AssistantMessage;

    /// <summary>The turn answered.</summary>
    public required int Turn { get; init; }

    /// <summary>The whole reply.</summary>
    public required string Content { get; init; }

    /// <summary>The conversation's state after the turn.</summary>
    public required ConversationState State { get; init; }

    /// <summary>The conversation's state before the turn.</summary>
    public required ConversationState PreviousState { get; init; }

    /// <summary>What the user message was classified as.</summary>
    public required Intent Intent { get; init; }

    /// <summary>The conversation id (kept for clients of earlier services).</summary>
    public required string SessionId { get; init; }

    /// <summary>How the reply was made.</summary>
    public required AssistantMessageMetadata Metadata { get; init; }

    /// <summary>Who wrote the message: <c>operator</c> (<see cref="MessageAuthors"/>) for a person; left out for the assistant.</summary>
    public string? Author { get; init; }

    /// <summary>The name of the person who wrote it, when <see cref="Author"/> is <c>operator</c>.</summary>
    public string? AuthorName { get; init; }
}
