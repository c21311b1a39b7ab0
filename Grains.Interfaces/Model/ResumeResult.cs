namespace Conversations.Grains.Interfaces.Model;

/// <summary>The answer to <see cref="IConversationGrain.ResumeAsync"/>.</summary>
/// <param name="Snapshot">The conversation as it stands; its <c>LastSeq</c> is the newest frame.</param>
/// <param name="Frames">The frames after the client's <c>last_seq</c>, in order; empty when a resync is required.</param>
/// <param name="ResyncRequired">
/// The client asked for frames older than the replay window (or newer than the log): it must start over
/// from the snapshot.
/// </param>
[GenerateSerializer, Immutable, Alias("conversations.resume-result.v1")]
public sealed record ResumeResult(
    [property: Id(0)] ConversationSnapshot Snapshot,
    [property: Id(1)] IReadOnlyList<LogFrame> Frames,
    [property: Id(2)] bool ResyncRequired);
