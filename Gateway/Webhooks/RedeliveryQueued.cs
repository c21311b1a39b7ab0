namespace Conversations.Gateway.Webhooks;

/// <summary>The body of a <c>202</c> from <c>POST /api/v1/webhooks/dead-letters/{id}/redeliver</c>.</summary>
/// <param name="Id">The dead letter, now deleted.</param>
/// <param name="EventId">The event queued for delivery again, under the same id.</param>
public sealed record RedeliveryQueued(long Id, string EventId);
