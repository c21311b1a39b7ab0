namespace Conversations.Grains.Interfaces.Model;

/// <summary>One page of a conversation's whole transcript, oldest turn first.</summary>
/// <param name="TurnCount">How many turns the conversation has had, answered or not.</param>
/// <param name="Turns">The completed turns on this page, in turn order.</param>
/// <param name="Next">The turn to ask for the next page after, or <see langword="null"/> when this page is the last.</param>
[GenerateSerializer, Immutable, Alias("conversations.transcript-page.v1")]
public sealed record TranscriptPage(
    [property: Id(0)] int TurnCount,
    [property: Id(1)] IReadOnlyList<TurnSummary> Turns,
    [property: Id(2)] int? Next);
