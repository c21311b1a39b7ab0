namespace Conversations.Grains.Interfaces.Protocol;

/// <summary>
/// A frame from the client, with every field any client frame type may carry. Unknown fields are ignored,
/// so newer clients keep working.
/// </summary>
public sealed record ClientFrame
{
    /// <summary>The frame type: <c>user_message</c>, <c>resume</c>, <c>cancel</c> or <c>ping</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The client message id (<c>user_message</c>).</summary>
    public string? Id { get; init; }

    /// <summary>The message text (<c>user_message</c>).</summary>
    public string? Content { get; init; }

    /// <summary>The name to use in replies (<c>user_message</c>).</summary>
    public string? UserName { get; init; }

    /// <summary>The highest <c>seq</c> the client has processed (<c>resume</c>).</summary>
    public long? LastSeq { get; init; }

    /// <summary>The turn to cancel (<c>cancel</c>).</summary>
    public int? Turn { get; init; }
}
