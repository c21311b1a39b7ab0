namespace Conversations.Grains.Webhooks;

/// <summary>One event to send to one endpoint: the body is serialized once, and sent as it is in every attempt.</summary>
/// <param name="Endpoint">The endpoint's name (its URL and secret are read from the settings when it is sent).</param>
/// <param name="EventId">The event's id.</param>
/// <param name="EventType">The event's type.</param>
/// <param name="ConversationId">The conversation the event is about.</param>
/// <param name="Body">The JSON body.</param>
public sealed record WebhookDelivery(string Endpoint, string EventId, string EventType, string ConversationId, string Body);
