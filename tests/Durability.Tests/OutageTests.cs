namespace Conversations.Durability.Tests;

// Runs a PostgreSQL server of its own, because it stops it.
public sealed class OutageTests
{
    [Fact]
    public async Task DatabaseOutageGivesServiceUnavailableLosesNothingAndRecoversByItself()
    {
        await using var server = await PostgresServer.StartAsync();
        var database = await server.CreateDatabaseAsync("outage");
        await using var gateway = await GatewayHost.StartAsync(Settings.Durable(database).AsArguments());
        var id = $"outage-{Guid.NewGuid():N}";
        await using var client = await gateway.ConnectAsync(id);
        await client.SendMessageAsync("m1", "Hello there");
        var first = await client.UntilAsync(f => f.IsReply(1));

        await server.StopAsync();
        await client.SendMessageAsync("m2", "Are you still there?");
        var refused = await client.UntilAsync(f => f.Type == "error");

        Assert.Equal("SERVICE_UNAVAILABLE", refused[^1].ErrorCode);
        Assert.True(refused[^1].Root.GetProperty("retry_suggested").GetBoolean());
        Assert.DoesNotContain(refused, f => f.Type == "ack");

        await server.StartServerAsync();
        // The client does what the error suggests: it sends the same message again until it is accepted.
        var ack = await Eventually.GetAsync(
            async () =>
            {
                await client.SendMessageAsync("m2", "Are you still there?");
                return await client.NextAsync();
            },
            frame => frame.Type == "ack",
            TimeSpan.FromSeconds(60));
        var second = await client.UntilAsync(f => f.IsReply(2));

        Assert.Equal(first[^1].Seq + 1, ack.Seq);
        Assert.Equal(2, ack.Turn);
        await using var check = await gateway.ConnectAsync(id, lastSeq: 0);
        var replay = await check.UntilAsync(f => f.IsReply(2));
        FrameAssert.Gapless(replay.Skip(1), 1);
        Assert.Equal(first.Concat([ack]).Concat(second).Select(f => f.Raw), replay.Skip(1).Select(f => f.Raw));
    }
}
