namespace Conversations.Grains.Interfaces.Model;

/// <summary>One page of a user's conversations, newest first.</summary>
/// <param name="Total">How many conversations the user has in all.</param>
/// <param name="Items">The conversations on this page.</param>
[GenerateSerializer, Immutable, Alias("conversations.page.v1")]
public sealed record ConversationPage(
    [property: Id(0)] int Total,
    [property: Id(1)] IReadOnlyList<ConversationListing> Items);
