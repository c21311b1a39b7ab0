namespace Conversations.Grains.Webhooks;

/// <summary>Where conversation events go to be sent: queued at once, never waited for.</summary>
public interface IWebhookPublisher
{
    /// <summary>Queues <paramref name="webhookEvent"/> for every endpoint whose filter accepts it; returns at once.</summary>
    void Publish(WebhookEvent webhookEvent);

    /// <summary>Queues one delivery as it is (a redelivery); false when the queue is full.</summary>
    bool TryQueue(WebhookDelivery delivery);
}
