using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Interfaces;

/// <summary>
/// The tally of every turn rating given in the service, kept up to date by the conversation grains as turns
/// are rated (a rating replaced moves from its old value to its new one). One grain, key <see cref="Key"/>.
/// </summary>
public interface ISatisfactionGrain : IGrainWithStringKey
{
    /// <summary>The key of the one tally.</summary>
    public const string Key = "all";

    /// <summary>Counts a rating, taking back the one it replaces, if any.</summary>
    /// <param name="previous">The turn's earlier rating, if it had one.</param>
    /// <param name="current">The rating now stored.</param>
    Task RecordAsync(TurnFeedback? previous, TurnFeedback current);

    /// <summary>The tally.</summary>
    Task<SatisfactionTally> GetAsync();
}
