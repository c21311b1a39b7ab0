using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Webhooks;

public sealed partial class WebhookDispatcher
{
    [LoggerMessage(EventId = 3411, Level = LogLevel.Warning, Message = "Webhook event {EventId} ({EventType}) for {Endpoint} dropped: the queue holds {QueueCapacity} deliveries already")]
    private partial void LogDropped(string eventId, string eventType, string endpoint, int queueCapacity);

    [LoggerMessage(EventId = 3412, Level = LogLevel.Warning, Message = "{Unsent} webhook deliveries were still queued when the silo stopped; they are not sent")]
    private partial void LogUnsentAtStop(int unsent);

    [LoggerMessage(EventId = 3413, Level = LogLevel.Error, Message = "Webhook event {EventId} for {Endpoint} failed unexpectedly")]
    private partial void LogDeliveryFailed(Exception exception, string eventId, string endpoint);
}
