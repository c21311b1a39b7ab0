using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Gateway.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class OtlpExportTests
{
    [Fact]
    public async Task TracesArePushedToTheConfiguredOtlpEndpoint()
    {
        var received = new ConcurrentQueue<(string Path, string ContentType, long Length)>();
        var collector = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]).Build();
        collector.MapPost("/v1/{signal}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            received.Enqueue((http.Request.Path, http.Request.ContentType ?? string.Empty, body.Length));
            return Results.Ok();
        });
        await collector.StartAsync();
        try
        {
            var address = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            await using var host = await GatewayHost.StartAsync("--Telemetry:OtlpEndpoint", address, "--Telemetry:OtlpProtocol", "HttpProtobuf");
            await using (var client = await host.ConnectAsync($"otlp-{Guid.NewGuid():N}"))
            {
                await client.SendMessageAsync("m1", "Hello there");
                await client.UntilAsync(f => f.IsReply(1));
            }

            // The batch exporter sends every 5 s.
            await Eventually.GetAsync(
                () => Task.FromResult(received.ToArray()),
                all => all.Any(r => r.Path == "/v1/traces" && r.Length > 0),
                TimeSpan.FromSeconds(30));
            Assert.Contains(received, r => r.Path == "/v1/traces" && r.ContentType == "application/x-protobuf");
        }
        finally
        {
            await collector.StopAsync();
            await collector.DisposeAsync();
        }
    }
}
