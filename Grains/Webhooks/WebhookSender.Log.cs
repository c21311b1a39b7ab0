using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Webhooks;

public sealed partial class WebhookSender
{
    [LoggerMessage(EventId = 3401, Level = LogLevel.Debug, Message = "Webhook event {EventId} ({EventType}) delivered to {Endpoint} in {Attempts} attempts")]
    private partial void LogDelivered(string eventId, string eventType, string endpoint, int attempts);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Information, Message = "Webhook event {EventId} attempt {Attempt} to {Endpoint} failed: {Error}")]
    private partial void LogAttemptFailed(string eventId, string endpoint, int attempt, string error);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Warning, Message = "Webhook event {EventId} ({EventType}) not delivered to {Endpoint} after {Attempts} attempts ({Error}); dead letter {DeadLetterId}")]
    private partial void LogDeadLettered(string eventId, string eventType, string endpoint, int attempts, string error, long deadLetterId);

    [LoggerMessage(EventId = 3404, Level = LogLevel.Error, Message = "Webhook event {EventId} not delivered to {Endpoint}, and its dead letter could not be stored")]
    private partial void LogDeadLetterLost(Exception exception, string eventId, string endpoint);

    [LoggerMessage(EventId = 3405, Level = LogLevel.Warning, Message = "Webhook event {EventId} is for endpoint {Endpoint}, which is no longer configured; not sent")]
    private partial void LogEndpointGone(string eventId, string endpoint);
}
