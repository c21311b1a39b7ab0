using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Handoff;

/// <summary>What the hand-off queue keeps in grain storage.</summary>
[GenerateSerializer, Alias("conversations.handoff-queue.v1")]
public sealed class HandoffQueueState
{
    /// <summary>The conversations handed to a person and not handed back, by conversation id.</summary>
    [Id(0)] public Dictionary<string, HandoffEntry> Entries { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The counts of the latest days, oldest first, at most <see cref="Interfaces.IHandoffQueueGrain.MaxDays"/>.</summary>
    [Id(1)] public List<HandoffDay> Days { get; set; } = [];
}
