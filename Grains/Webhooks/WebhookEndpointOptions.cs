namespace Conversations.Grains.Webhooks;

/// <summary>One receiver of webhook events (an entry of <c>Conversations:Webhooks:Endpoints</c>).</summary>
public sealed class WebhookEndpointOptions
{
    /// <summary>A name for the endpoint, unique among them: dead letters and metrics name it. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>The absolute http or https URL events are posted to. Required.</summary>
    public string Url { get; set; } = "";

    /// <summary>
    /// The shared secret that signs each request (HMAC-SHA256, header <c>X-Conversations-Signature</c>); the
    /// receiver uses it to check that a request comes from this service. Required, at least 16 characters.
    /// </summary>
    public string Secret { get; set; } = "";

    /// <summary>
    /// The event types this endpoint gets (<c>turn.answered</c>, <c>state.changed</c>,
    /// <c>conversation.handed_off</c>, <c>conversation.handed_back</c>). Empty (the default) means all of them.
    /// </summary>
    public List<string> Events { get; set; } = [];

    /// <summary>Whether the endpoint gets events of type <paramref name="eventType"/>.</summary>
    public bool Accepts(string eventType) => Events.Count == 0 || Events.Contains(eventType, StringComparer.Ordinal);
}
