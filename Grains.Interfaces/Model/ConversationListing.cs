namespace Conversations.Grains.Interfaces.Model;

/// <summary>One entry of a user's list of conversations.</summary>
/// <param name="ConversationId">The conversation id.</param>
/// <param name="CreatedAt">When the conversation was created.</param>
[GenerateSerializer, Immutable, Alias("conversations.listing.v1")]
public sealed record ConversationListing(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] DateTimeOffset CreatedAt);
