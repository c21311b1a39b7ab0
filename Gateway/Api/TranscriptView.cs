using Conversations.Grains.Interfaces.Model;

namespace Conversations.Gateway.Api;

/// <summary>The answer to <c>GET /conversations/{id}/turns</c>: one page of the whole transcript, oldest first.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="TurnCount">How many turns it has had, answered or not.</param>
/// <param name="After">The turn this page starts after.</param>
/// <param name="Limit">The most turns on a page.</param>
/// <param name="Turns">This page's completed turns.</param>
/// <param name="Next">The <c>after</c> of the next page; absent on the last page.</param>
public sealed record TranscriptView(string ConversationId, int TurnCount, int After, int Limit, IReadOnlyList<TurnSummary> Turns, int? Next);
