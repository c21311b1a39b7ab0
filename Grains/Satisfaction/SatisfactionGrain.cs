using Conversations.Grains.Conversation;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Satisfaction;

/// <summary>The service's tally of turn ratings, fed by the conversation grains.</summary>
public sealed class SatisfactionGrain(
    [PersistentState(SatisfactionGrain.StateName, ConversationStorage.ProviderName)]
    IPersistentState<SatisfactionCounts> tally) : Grain, ISatisfactionGrain
{
    /// <summary>The name of the tally within the grain's storage.</summary>
    public const string StateName = "satisfaction";

    /// <inheritdoc />
    public async Task RecordAsync(TurnFeedback? previous, TurnFeedback current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var counts = tally.State;
        if (previous is not null)
        {
            counts.Counts[previous.Rating - 1] = Math.Max(0, counts.Counts[previous.Rating - 1] - 1);
            counts.Comments -= previous.Comment is null ? 0 : 1;
        }

        counts.Counts[current.Rating - 1]++;
        counts.Comments = Math.Max(0, counts.Comments + (current.Comment is null ? 0 : 1));
        counts.LastRatedAt = current.At;
        await tally.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<SatisfactionTally> GetAsync() =>
        Task.FromResult(new SatisfactionTally([.. tally.State.Counts], tally.State.Comments, tally.State.LastRatedAt));
}
