using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Tests.Support;

/// <summary>
/// An OTLP/HTTP endpoint on loopback that keeps every export it is sent (<c>/v1/traces</c>, <c>/v1/metrics</c>,
/// <c>/v1/logs</c>). The bodies stay protobuf: a string attribute or a log body is in them as plain UTF-8, which
/// is what the tests look for.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OtlpExport> _received = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The address to give an exporter as its endpoint (with protocol <c>HttpProtobuf</c>).</summary>
    public string Address { get; private set; } = string.Empty;

    /// <summary>What was received so far, in order.</summary>
    public IReadOnlyList<OtlpExport> Received => [.. _received];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var app = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]).Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            receiver._received.Enqueue(new OtlpExport(http.Request.Path, http.Request.ContentType ?? string.Empty, body.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();
        receiver.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    /// <summary>The exports to one signal's path so far (<c>traces</c>, <c>metrics</c>, <c>logs</c>).</summary>
    public IReadOnlyList<OtlpExport> Of(string signal) => [.. _received.Where(r => r.Path == $"/v1/{signal}")];

    /// <summary>Waits, within <paramref name="timeout"/>, for an export to <paramref name="signal"/> that holds <paramref name="text"/>.</summary>
    public Task<IReadOnlyList<OtlpExport>> UntilAsync(string signal, string text, TimeSpan timeout) =>
        Eventually.GetAsync(() => Task.FromResult(Of(signal)), all => all.Any(r => r.Contains(text)), timeout);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One OTLP export request as received.</summary>
public sealed record OtlpExport(string Path, string ContentType, byte[] Body)
{
    /// <summary>Whether the protobuf body holds this text (a string attribute, a span name, a log body).</summary>
    public bool Contains(string text) => Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
