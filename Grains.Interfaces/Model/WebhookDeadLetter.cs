namespace Conversations.Grains.Interfaces.Model;

/// <summary>A webhook event that was not delivered to one endpoint after every attempt.</summary>
/// <param name="Id">The dead letter's id, for redelivery.</param>
/// <param name="EventId">The event's id (its <c>id</c> field and <c>X-Conversations-Event-Id</c> header).</param>
/// <param name="EventType">The event's type, e.g. <c>turn.answered</c>.</param>
/// <param name="ConversationId">The conversation the event is about.</param>
/// <param name="Endpoint">The name of the endpoint it was for.</param>
/// <param name="Url">The URL it was sent to.</param>
/// <param name="Body">The JSON body, exactly as sent.</param>
/// <param name="Attempts">How many requests were made.</param>
/// <param name="LastError">What the last attempt got: an HTTP status or the error.</param>
/// <param name="FailedAt">When the last attempt failed.</param>
[GenerateSerializer, Immutable, Alias("conversations.webhook-dead-letter.v1")]
public sealed record WebhookDeadLetter(
    [property: Id(0)] long Id,
    [property: Id(1)] string EventId,
    [property: Id(2)] string EventType,
    [property: Id(3)] string ConversationId,
    [property: Id(4)] string Endpoint,
    [property: Id(5)] string Url,
    [property: Id(6)] string Body,
    [property: Id(7)] int Attempts,
    [property: Id(8)] string LastError,
    [property: Id(9)] DateTimeOffset FailedAt);
