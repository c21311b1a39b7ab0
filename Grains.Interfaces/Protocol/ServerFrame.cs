using System.Text.Json.Serialization;

namespace Conversations.Grains.Interfaces.Protocol;

/// <summary>
/// What every frame the server sends has: a <c>type</c> and a UTC <c>timestamp</c>; frames of the
/// conversation log also carry <c>conversation_id</c> and <c>seq</c>.
/// </summary>
public abstract record ServerFrame
{
    /// <summary>The frame type (<see cref="FrameTypes"/>).</summary>
    [JsonPropertyOrder(-10)]
    public string Type => FrameType;

    /// <summary>When the frame was made, in UTC.</summary>
    [JsonPropertyOrder(-9)]
    public required DateTime Timestamp { get; init; }

    /// <summary>The conversation, on log frames.</summary>
    [JsonPropertyOrder(-8)]
    public string? ConversationId { get; init; }

    /// <summary>The frame's position in the conversation log, on log frames.</summary>
    [JsonPropertyOrder(-7)]
    public long? Seq { get; init; }

    /// <summary>The value of <see cref="Type"/> for this kind of frame.</summary>
    protected abstract string FrameType { get; }
}
