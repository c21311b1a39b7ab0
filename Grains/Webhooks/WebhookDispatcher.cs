using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Webhooks;

/// <summary>
/// The silo's webhook queue: conversation grains hand events to <see cref="Publish"/>, which serializes each
/// once, puts one delivery per accepting endpoint on a bounded channel and returns; a few workers
/// (<see cref="WebhookOptions.MaxConcurrentDeliveries"/>) send them. A turn therefore never waits for a
/// receiver, however slow or down it is. A full queue drops the event, counted and logged. Events still queued
/// when the silo stops are lost (and logged): delivery is at least once only for events that were queued.
/// </summary>
public sealed partial class WebhookDispatcher : BackgroundService, IWebhookPublisher
{
    private readonly WebhookOptions _options;
    private readonly WebhookSender _sender;
    private readonly WebhookInstruments _instruments;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly Channel<WebhookDelivery> _queue;

    /// <summary>Creates the queue; it is served once the host starts the service.</summary>
    public WebhookDispatcher(IOptions<WebhookOptions> options, WebhookSender sender, WebhookInstruments instruments, ILogger<WebhookDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(instruments);
        _options = options.Value;
        _sender = sender;
        _instruments = instruments;
        _logger = logger;
        _queue = Channel.CreateBounded<WebhookDelivery>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = _options.MaxConcurrentDeliveries == 1,
        });
        instruments.ObserveQueue(() => _queue.Reader.Count);
    }

    /// <inheritdoc />
    public void Publish(WebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        string? body = null;
        foreach (var endpoint in _options.Endpoints)
        {
            if (!endpoint.Accepts(webhookEvent.Type))
            {
                continue;
            }

            body ??= JsonSerializer.Serialize(webhookEvent, WebhookJsonContext.Default.WebhookEvent);
            var delivery = new WebhookDelivery(endpoint.Name, webhookEvent.Id, webhookEvent.Type, webhookEvent.ConversationId, body);
            if (!TryQueue(delivery))
            {
                _instruments.OnDropped(endpoint.Name);
                LogDropped(webhookEvent.Id, webhookEvent.Type, endpoint.Name, _options.QueueCapacity);
            }
        }
    }

    /// <inheritdoc />
    public bool TryQueue(WebhookDelivery delivery) => _queue.Writer.TryWrite(delivery);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _options.MaxConcurrentDeliveries).Select(_ => RunWorkerAsync(stoppingToken)));

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_queue.Reader.Count > 0)
        {
            LogUnsentAtStop(_queue.Reader.Count);
        }
    }

    private async Task RunWorkerAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var delivery in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await _sender.DeliverAsync(delivery, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogDeliveryFailed(exception, delivery.EventId, delivery.Endpoint);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }
}
