namespace Conversations.Gateway.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class OtlpExportTests
{
    [Fact]
    public async Task TracesArePushedToTheConfiguredOtlpEndpoint()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var host = await GatewayHost.StartAsync("--Telemetry:OtlpEndpoint", collector.Address, "--Telemetry:OtlpProtocol", "HttpProtobuf");
        await using (var client = await host.ConnectAsync($"otlp-{Guid.NewGuid():N}"))
        {
            await client.SendMessageAsync("m1", "Hello there");
            await client.UntilAsync(f => f.IsReply(1));
        }

        // The batch exporter sends every 5 s.
        var traces = await Eventually.GetAsync(
            () => Task.FromResult(collector.Of("traces")),
            all => all.Any(r => r.Body.Length > 0),
            TimeSpan.FromSeconds(30));
        Assert.Contains(traces, r => r.ContentType == "application/x-protobuf");
    }

    [Fact]
    public async Task LogRecordsArePushedToTheSameOtlpEndpointWithTheirFields()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var host = await GatewayHost.StartAsync(
            "--Telemetry:OtlpEndpoint", collector.Address,
            "--Telemetry:OtlpProtocol", "HttpProtobuf",
            "--Logging:LogLevel:Conversations", "Information");
        var conversationId = $"otlp-logs-{Guid.NewGuid():N}";
        await using (var client = await host.ConnectAsync(conversationId))
        {
            await client.SendMessageAsync("m1", "Hello there");
            await client.UntilAsync(f => f.IsReply(1));
        }

        // Event 1001, a completed turn: its ConversationId field arrives as an attribute of the log record.
        var logs = await collector.UntilAsync("logs", conversationId, TimeSpan.FromSeconds(30));
        var record = logs.First(r => r.Contains(conversationId));
        Assert.Equal("application/x-protobuf", record.ContentType);
        Assert.True(record.Contains("ConversationId"), "the record's fields travel as attributes");
        Assert.True(record.Contains($"Conversation {conversationId} turn 1 answered"), "the formatted message is the record's body");
    }
}
