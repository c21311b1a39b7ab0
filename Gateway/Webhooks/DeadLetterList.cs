using Conversations.Grains.Interfaces.Model;

namespace Conversations.Gateway.Webhooks;

/// <summary>The body of <c>GET /api/v1/webhooks/dead-letters</c>.</summary>
/// <param name="Items">The dead letters, newest first.</param>
public sealed record DeadLetterList(IReadOnlyList<WebhookDeadLetter> Items);
