using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.Tests.Support.Models;

/// <summary>
/// A real OpenAI-compatible HTTP server on loopback, speaking the chat completions streaming format (SSE
/// chunks, a usage chunk, <c>[DONE]</c>) on <c>/v1/chat/completions</c> and on Azure's deployment routes.
/// A request's behaviour is scripted by a key that the test puts in its user message; requests are recorded.
/// </summary>
public sealed class ModelServer : IAsyncDisposable
{
    /// <summary>The reply streamed when a request matches no script.</summary>
    public static readonly string[] DefaultPieces = ["Hello ", "from ", "the ", "model."];

    private readonly ConcurrentDictionary<string, ConcurrentQueue<ModelStep>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _intents = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ModelRequest> _requests = new();
    private readonly WebApplication _app;

    private ModelServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:1234/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The base URL an OpenAI client is given.</summary>
    public string OpenAIBaseUrl => new Uri(BaseUri, "v1").ToString();

    public IReadOnlyCollection<ModelRequest> Requests => _requests;

    public static async Task<ModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var server = new ModelServer(app);
        app.MapPost("/{**path}", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Requests whose user message contains <paramref name="key"/> are answered by these steps, one per request.</summary>
    public void Script(string key, params ModelStep[] steps) => _scripts[key] = new ConcurrentQueue<ModelStep>(steps);

    /// <summary>
    /// Intent classifications of messages that contain <paramref name="key"/> are answered with
    /// <paramref name="json"/> as the model's content. Unscripted classifications get 400, as from a server
    /// without structured output, so the local classifier decides.
    /// </summary>
    public void ScriptIntent(string key, string json) => _intents[key] = json;

    /// <summary>The reply requests whose body contains <paramref name="key"/>, in arrival order.</summary>
    public IReadOnlyList<ModelRequest> RequestsFor(string key) =>
        _requests.Where(r => !r.IsClassification && r.Body.GetRawText().Contains(key, StringComparison.Ordinal)).ToList();

    /// <summary>The intent classification requests whose body contains <paramref name="key"/>, in arrival order.</summary>
    public IReadOnlyList<ModelRequest> ClassificationsFor(string key) =>
        _requests.Where(r => r.IsClassification && r.Body.GetRawText().Contains(key, StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.Request.Path.Value!.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new ModelRequest(context.Request.Path, context.Request.QueryString.Value ?? string.Empty, document.RootElement.Clone(), DateTimeOffset.UtcNow, headers);
        _requests.Enqueue(request);
        using var registration = context.RequestAborted.Register(request.OnAborted);
        try
        {
            if (request.IsClassification)
            {
                await ClassifyAsync(context, request);
            }
            else
            {
                await RespondAsync(context, request, NextStep(request));
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The client went away; recorded by the registration above.
        }
        finally
        {
            request.OnEnded();
        }
    }

    private ModelStep NextStep(ModelRequest request)
    {
        var body = request.Body.GetRawText();
        foreach (var (key, steps) in _scripts)
        {
            if (body.Contains(key, StringComparison.Ordinal) && steps.TryDequeue(out var step))
            {
                return step;
            }
        }

        return ModelStep.Reply(DefaultPieces);
    }

    private async Task ClassifyAsync(HttpContext context, ModelRequest request)
    {
        var body = request.Body.GetRawText();
        var answer = _intents.FirstOrDefault(i => body.Contains(i.Key, StringComparison.Ordinal)).Value;
        if (answer is null)
        {
            await RespondAsync(context, request, ModelStep.Error(StatusCodes.Status400BadRequest));
            return;
        }

        var completion = new
        {
            id = "chatcmpl-intent",
            @object = "chat.completion",
            created = 1700000000,
            model = request.Body.GetProperty("model").GetString(),
            choices = new[] { new { index = 0, message = new { role = "assistant", content = answer }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 30, completion_tokens = 8, total_tokens = 38 },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(completion), context.RequestAborted);
    }

    private static async Task RespondAsync(HttpContext context, ModelRequest request, ModelStep step)
    {
        var response = context.Response;
        var aborted = context.RequestAborted;
        if (step.Status is { } status)
        {
            response.StatusCode = status;
            if (step.RetryAfterSeconds is { } seconds)
            {
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            response.ContentType = "application/json";
            await response.WriteAsync($$$"""{"error":{"message":"scripted {{{status}}}","type":"test","code":"{{{status}}}"}}""", aborted);
            return;
        }

        var model = request.Body.TryGetProperty("model", out var m) ? m.GetString() ?? "test-model" : "test-model";
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(aborted);
        if (step.FirstTokenDelay > TimeSpan.Zero)
        {
            await Task.Delay(step.FirstTokenDelay, aborted);
        }

        var completion = 0;
        foreach (var piece in step.Pieces)
        {
            completion += Math.Max(1, piece.Length / 4);
            await SendAsync(response, Chunk(model, JsonSerializer.Serialize(new { role = "assistant", content = piece }), finish: null), aborted);
        }

        if (step.CutAfterPieces)
        {
            // Give the client time to pass the pieces on, so that the cut comes in the middle of a reply.
            await Task.Delay(TimeSpan.FromMilliseconds(300), aborted);
            context.Abort();
            return;
        }

        if (step.MalformedAfterPieces)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300), aborted);
            await SendAsync(response, """{"id":"chatcmpl-test","choices":[{"delta":{"content":"bro""", aborted);
            await SendAsync(response, "[DONE]", aborted);
            return;
        }

        if (step.HangAfterPieces)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, aborted);
        }

        await SendAsync(response, Chunk(model, "{}", finish: "stop"), aborted);
        if (request.Body.TryGetProperty("stream_options", out var options)
            && options.TryGetProperty("include_usage", out var include) && include.ValueKind == JsonValueKind.True)
        {
            await SendAsync(
                response,
                $$$"""{"id":"chatcmpl-test","object":"chat.completion.chunk","created":1700000000,"model":"{{{model}}}","choices":[],"usage":{"prompt_tokens":42,"completion_tokens":{{{completion}}},"total_tokens":{{{42 + completion}}}}}""",
                aborted);
        }

        await SendAsync(response, "[DONE]", aborted);
    }

    private static string Chunk(string model, string delta, string? finish) =>
        $$$"""{"id":"chatcmpl-test","object":"chat.completion.chunk","created":1700000000,"model":"{{{model}}}","choices":[{"index":0,"delta":{{{delta}}},"finish_reason":{{{(finish is null ? "null" : $"\"{finish}\"")}}}}]}""";

    private static async Task SendAsync(HttpResponse response, string data, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"data: {data}\n\n", Encoding.UTF8, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
