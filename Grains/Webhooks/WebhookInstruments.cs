using System.Diagnostics.Metrics;
using Conversations.Grains.Telemetry;

namespace Conversations.Grains.Webhooks;

/// <summary>
/// The webhook metrics, on the runtime's meter (<see cref="ConversationInstruments.MeterName"/>). Tags are the
/// configured endpoint names and small fixed sets of outcomes.
/// </summary>
public sealed class WebhookInstruments
{
    private readonly Meter _meter;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _failedAttempts;
    private readonly Counter<long> _deadLetters;
    private readonly Histogram<double> _deliveryDuration;

    /// <summary>Creates the instruments on a meter owned by <paramref name="meterFactory"/>.</summary>
    public WebhookInstruments(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = _meter = meterFactory.Create(ConversationInstruments.MeterName);
        _deliveries = meter.CreateCounter<long>("conversations_webhook_deliveries", description: "Webhook deliveries (one event to one endpoint) that ended, by endpoint and outcome (delivered, dead_lettered, dropped).");
        _failedAttempts = meter.CreateCounter<long>("conversations_webhook_failed_attempts", description: "Webhook requests that failed, by endpoint and reason (an HTTP status class, timeout or error); most are retried.");
        _deadLetters = meter.CreateCounter<long>("conversations_webhook_dead_letters", description: "Webhook deliveries that failed every attempt and were stored as dead letters, by endpoint.");
        _deliveryDuration = meter.CreateHistogram<double>("conversations_webhook_delivery_duration", unit: "s", description: "Time from a webhook delivery's first request to its end, retries included, by outcome.");
    }

    /// <summary>Publishes the number of deliveries waiting in the queue, read at each collection.</summary>
    public void ObserveQueue(Func<int> waiting) =>
        _meter.CreateObservableGauge("conversations_webhook_queue", waiting, description: "Webhook deliveries waiting to be sent on this silo.");

    /// <summary>The endpoint answered 2xx.</summary>
    public void OnDelivered(string endpoint, TimeSpan duration) => OnEnded(endpoint, "delivered", duration);

    /// <summary>Every attempt failed; the delivery is a dead letter now.</summary>
    public void OnDeadLettered(string endpoint, TimeSpan duration)
    {
        OnEnded(endpoint, "dead_lettered", duration);
        _deadLetters.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint));
    }

    /// <summary>The queue was full: the delivery was not made.</summary>
    public void OnDropped(string endpoint) =>
        _deliveries.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("outcome", "dropped"));

    /// <summary>One request failed; <paramref name="reason"/> is <c>4xx</c>, <c>5xx</c>, <c>timeout</c> or <c>error</c>.</summary>
    public void OnAttemptFailed(string endpoint, string reason) =>
        _failedAttempts.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("reason", reason));

    private void OnEnded(string endpoint, string outcome, TimeSpan duration)
    {
        var endpointTag = new KeyValuePair<string, object?>("endpoint", endpoint);
        var outcomeTag = new KeyValuePair<string, object?>("outcome", outcome);
        _deliveries.Add(1, endpointTag, outcomeTag);
        _deliveryDuration.Record(duration.TotalSeconds, outcomeTag);
    }
}
