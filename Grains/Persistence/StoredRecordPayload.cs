using Conversations.Grains.Conversation.Changes;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Persistence;

/// <summary>The body of a stored log record, as <see cref="LogPayloadCodec"/> encodes it.</summary>
/// <param name="Frames">The record's frames, each as the exact bytes clients received.</param>
/// <param name="Changes">The changes to the checkpoint made with them.</param>
[GenerateSerializer, Immutable, Alias("conversations.log-record.v1")]
public sealed record StoredRecordPayload(
    [property: Id(0)] IReadOnlyList<LogFrame> Frames,
    [property: Id(1)] IReadOnlyList<ConversationChange> Changes);
