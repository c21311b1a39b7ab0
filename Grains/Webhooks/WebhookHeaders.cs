namespace Conversations.Grains.Webhooks;

/// <summary>The headers of a webhook request.</summary>
public static class WebhookHeaders
{
    /// <summary><c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c> (see <see cref="WebhookSignature"/>).</summary>
    public const string Signature = "X-Conversations-Signature";

    /// <summary>The event's id: the same in every attempt and redelivery of the event.</summary>
    public const string EventId = "X-Conversations-Event-Id";

    /// <summary>The event's type.</summary>
    public const string EventType = "X-Conversations-Event-Type";

    /// <summary>Which attempt this request is, from 1 (a redelivery starts again at 1).</summary>
    public const string Attempt = "X-Conversations-Delivery-Attempt";

    /// <summary>The event's id again, under the name receivers' idempotency middleware looks for.</summary>
    public const string IdempotencyKey = "Idempotency-Key";
}
