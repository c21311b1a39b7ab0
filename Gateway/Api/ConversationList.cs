using Conversations.Grains.Interfaces.Model;

namespace Conversations.Gateway.Api;

/// <summary>The answer to <c>GET /conversations</c>: one page of a user's conversations, newest first.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Conversations per page.</param>
/// <param name="Total">How many conversations the user has.</param>
/// <param name="Items">This page's conversations.</param>
public sealed record ConversationList(string UserId, int Page, int PageSize, int Total, IReadOnlyList<ConversationListing> Items);
