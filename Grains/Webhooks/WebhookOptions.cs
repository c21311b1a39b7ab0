namespace Conversations.Grains.Webhooks;

/// <summary>
/// Outbound webhooks: conversation events sent by HTTP POST to the endpoints listed here (configuration
/// section <c>Conversations:Webhooks</c>). No endpoints (the default) sends nothing.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Conversations:Webhooks";

    /// <summary>Where events go; each endpoint gets its own copy of every event its filter lets through. Default none.</summary>
    public List<WebhookEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>
    /// Requests made for one event to one endpoint before it becomes a dead letter: the first and its retries.
    /// Default 6 (between 1 and 20).
    /// </summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>
    /// The wait before the first retry; each later one waits about twice as long as the one before, with random
    /// jitter, up to <see cref="MaxRetryDelay"/>. Default 1 second.
    /// </summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts. Default 5 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one request may take, answer included, before it counts as failed. Default 10 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Deliveries waiting to be sent, per silo. An event that finds the queue full is not sent (it is counted and
    /// logged); the turn that made it is never held up. Default 10,000.
    /// </summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Deliveries in progress at once, per silo, retries' waits included. Default 4.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 4;

    /// <summary>
    /// Dead letters kept when storage is in memory, the latest ones (in PostgreSQL they are kept until
    /// redelivered). Default 1,000.
    /// </summary>
    public int MemoryDeadLetterLimit { get; set; } = 1000;
}
