namespace Conversations.Grains.Interfaces.Model;

/// <summary>What asking to redeliver a dead letter did.</summary>
[GenerateSerializer, Alias("conversations.redelivery-outcome.v1")]
public enum RedeliveryOutcome
{
    /// <summary>The event is queued for delivery again and the dead letter is gone.</summary>
    Queued,

    /// <summary>No dead letter has that id.</summary>
    NotFound,

    /// <summary>The endpoint it was for is no longer configured; the dead letter is kept.</summary>
    EndpointGone,

    /// <summary>The delivery queue is full; the dead letter is kept.</summary>
    QueueFull,
}
