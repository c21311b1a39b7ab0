using Conversations.Grains.Conversation.Changes;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Persistence;

/// <summary>The body of a stored log record, as <see cref="LogPayloadCodec"/> decodes it.</summary>
/// <param name="Frames">The record's frames, each as the exact bytes clients received.</param>
/// <param name="Changes">The changes to the checkpoint made with them.</param>
/// <remarks>
/// Records written before format 2 hold this type itself. Its lists are interfaces, so Orleans named their concrete
/// type in every record (<c>System.Collections.Generic.List`1[[…]]</c>, some 125 bytes of a 360-byte record of
/// one delta); <see cref="StoredRecordBody"/> is what is written now.
/// </remarks>
[GenerateSerializer, Immutable, Alias("conversations.log-record.v1")]
public sealed record StoredRecordPayload(
    [property: Id(0)] IReadOnlyList<LogFrame> Frames,
    [property: Id(1)] IReadOnlyList<ConversationChange> Changes);

/// <summary>The body of a log record as it is written since format 2: arrays, whose type the reader knows.</summary>
[GenerateSerializer, Immutable, Alias("conversations.log-record.v2")]
public sealed record StoredRecordBody(
    [property: Id(0)] LogFrame[] Frames,
    [property: Id(1)] ConversationChange[] Changes);
