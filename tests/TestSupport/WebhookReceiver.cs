using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.Tests.Support;

/// <summary>
/// A webhook receiver on a free loopback port: it records every request and answers with the status
/// <see cref="Answer"/> picks for it (by the event id's attempt number, from 1), after <see cref="Gate"/> opens.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _arrivals = Channel.CreateUnbounded<ReceivedWebhook>();
    private readonly ConcurrentQueue<ReceivedWebhook> _all = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly List<ReceivedWebhook> _seen = [];

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The URL to configure as the endpoint.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The status to answer for the <c>n</c>th request (from 1) carrying the same event id. Default 200.</summary>
    public Func<int, int> Answer { get; set; } = static _ => 200;

    /// <summary>Requests wait for this before they are answered; open (completed) by default.</summary>
    public Task Gate { get; set; } = Task.CompletedTask;

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Requests => _all.ToArray();

    /// <summary>Gateway arguments that make this receiver endpoint <paramref name="index"/> of the webhook settings.</summary>
    public string[] EndpointArguments(int index, string name, string secret, params string[] events) =>
        EndpointArguments(index, name, Url.ToString(), secret, events);

    /// <summary>Gateway arguments for webhook endpoint <paramref name="index"/>.</summary>
    public static string[] EndpointArguments(int index, string name, string url, string secret, params string[] events)
    {
        var prefix = $"--Conversations:Webhooks:Endpoints:{index}:";
        return
        [
            prefix + "Name", name,
            prefix + "Url", url,
            prefix + "Secret", secret,
            .. events.SelectMany((type, i) => new[] { $"{prefix}Events:{i}", type }),
        ];
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", receiver.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>
    /// The first request, in arrival order, that <paramref name="match"/> accepts, waiting for it when it has not
    /// come yet (at most <paramref name="timeout"/>, default 20 s).
    /// </summary>
    public async Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook, bool> match, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        lock (_seen)
        {
            if (_seen.Find(r => match(r)) is { } earlier)
            {
                return earlier;
            }
        }

        try
        {
            while (true)
            {
                var next = await _arrivals.Reader.ReadAsync(limit.Token);
                lock (_seen)
                {
                    _seen.Add(next);
                }

                if (match(next))
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            throw new TimeoutException($"No matching webhook request arrived; received: {string.Join(" | ", Requests.Select(r => $"{r.Status} {r.Body}"))}");
        }
    }

    private async Task ReceiveAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var eventId = headers.GetValueOrDefault("X-Conversations-Event-Id", "");
        var attempt = _attempts.AddOrUpdate(eventId, 1, (_, n) => n + 1);
        var status = Answer(attempt);
        var received = new ReceivedWebhook(body.ToArray(), headers, status, DateTimeOffset.UtcNow);
        _all.Enqueue(received);
        _arrivals.Writer.TryWrite(received);
        await Gate.WaitAsync(http.RequestAborted);
        http.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
