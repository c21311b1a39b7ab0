using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Conversations.Grains.Interfaces.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Conversations.Grains.Webhooks;

/// <summary>
/// Sends one delivery: a signed POST, retried with exponential backoff and jitter while the failure may pass
/// (no answer, a timeout, 408, 429 or 5xx), at most <see cref="WebhookOptions.MaxAttempts"/> requests; a
/// delivery that does not get a 2xx is stored as a dead letter. Each attempt is signed anew, with its own
/// timestamp, so that a receiver's replay window holds for retries too.
/// </summary>
public sealed partial class WebhookSender
{
    /// <summary>The name of the <see cref="HttpClient"/> the factory makes for webhooks.</summary>
    public const string HttpClientName = "Conversations.Webhooks";

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly IHttpClientFactory _clients;
    private readonly WebhookOptions _options;
    private readonly IWebhookDeadLetterStore _deadLetters;
    private readonly WebhookInstruments _instruments;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<WebhookSender> _logger;
    private readonly ResiliencePipeline<HttpStatusCode> _pipeline;

    /// <summary>Creates the sender and its retry pipeline from the settings.</summary>
    public WebhookSender(
        IHttpClientFactory clients,
        IOptions<WebhookOptions> options,
        IWebhookDeadLetterStore deadLetters,
        WebhookInstruments instruments,
        TimeProvider timeProvider,
        ILogger<WebhookSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clients = clients;
        _options = options.Value;
        _deadLetters = deadLetters;
        _instruments = instruments;
        _timeProvider = timeProvider;
        _logger = logger;
        var pipeline = new ResiliencePipelineBuilder<HttpStatusCode> { TimeProvider = timeProvider };
        if (_options.MaxAttempts > 1)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpStatusCode>
            {
                MaxRetryAttempts = _options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.FirstRetryDelay,
                MaxDelay = _options.MaxRetryDelay,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    { Exception: not null } => false,
                    { Result: var status } => IsTransient(status),
                }),
            });
        }

        _pipeline = pipeline.AddTimeout(_options.RequestTimeout).Build();
    }

    /// <summary>
    /// Sends <paramref name="delivery"/> until it is delivered or every attempt failed (then it is a dead letter).
    /// Throws <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task DeliverAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (_options.Endpoints.Find(e => string.Equals(e.Name, delivery.Endpoint, StringComparison.Ordinal)) is not { } endpoint)
        {
            LogEndpointGone(delivery.EventId, delivery.Endpoint);
            return;
        }

        var attempt = new DeliveryAttempt(this, endpoint, delivery);
        var startedAt = _timeProvider.GetTimestamp();
        HttpStatusCode? status = null;
        try
        {
            status = await _pipeline.ExecuteAsync(static (attempt, token) => attempt.SendAsync(token), attempt, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested &&
            exception is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            // The attempt recorded what went wrong; the delivery failed for good.
        }

        var duration = _timeProvider.GetElapsedTime(startedAt);
        if (status is { } answered && IsSuccess(answered))
        {
            _instruments.OnDelivered(endpoint.Name, duration);
            LogDelivered(delivery.EventId, delivery.EventType, endpoint.Name, attempt.Count);
            return;
        }

        var letter = new WebhookDeadLetter(
            0,
            delivery.EventId,
            delivery.EventType,
            delivery.ConversationId,
            endpoint.Name,
            endpoint.Url,
            delivery.Body,
            attempt.Count,
            attempt.LastError,
            _timeProvider.GetUtcNow());
        try
        {
            var id = await _deadLetters.AddAsync(letter, cancellationToken);
            _instruments.OnDeadLettered(endpoint.Name, duration);
            LogDeadLettered(delivery.EventId, delivery.EventType, endpoint.Name, attempt.Count, attempt.LastError, id);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _instruments.OnDeadLettered(endpoint.Name, duration);
            LogDeadLetterLost(exception, delivery.EventId, endpoint.Name);
        }
    }

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    // The state of one delivery across its attempts.
    private sealed class DeliveryAttempt(WebhookSender sender, WebhookEndpointOptions endpoint, WebhookDelivery delivery)
    {
        private readonly byte[] _body = Encoding.UTF8.GetBytes(delivery.Body);

        public int Count { get; private set; }

        public string LastError { get; private set; } = "";

        public async ValueTask<HttpStatusCode> SendAsync(CancellationToken cancellationToken)
        {
            Count++;
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url);
            var content = new ByteArrayContent(_body);
            content.Headers.ContentType = JsonContentType;
            request.Content = content;
            var timestamp = sender._timeProvider.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.TryAddWithoutValidation(WebhookHeaders.Signature, WebhookSignature.Create(endpoint.Secret, timestamp, _body));
            request.Headers.TryAddWithoutValidation(WebhookHeaders.EventId, delivery.EventId);
            request.Headers.TryAddWithoutValidation(WebhookHeaders.IdempotencyKey, delivery.EventId);
            request.Headers.TryAddWithoutValidation(WebhookHeaders.EventType, delivery.EventType);
            request.Headers.TryAddWithoutValidation(WebhookHeaders.Attempt, Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            try
            {
                using var response = await sender._clients.CreateClient(HttpClientName)
                    .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (!IsSuccess(response.StatusCode))
                {
                    LastError = $"HTTP {(int)response.StatusCode}";
                    sender._instruments.OnAttemptFailed(endpoint.Name, (int)response.StatusCode >= 500 ? "5xx" : "4xx");
                    sender.LogAttemptFailed(delivery.EventId, endpoint.Name, Count, LastError);
                }

                return response.StatusCode;
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                var timedOut = exception is OperationCanceledException;
                LastError = timedOut ? $"no answer within {sender._options.RequestTimeout}" : exception.Message;
                sender._instruments.OnAttemptFailed(endpoint.Name, timedOut ? "timeout" : "error");
                sender.LogAttemptFailed(delivery.EventId, endpoint.Name, Count, LastError);
                throw;
            }
        }
    }
}
