using Conversations.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Durability.Tests;

[Collection(PostgresCollection.Name)]
public sealed class LoadTests(PostgresFixture postgres)
{
    [Fact]
    public async Task TwoHundredConversationsAtOnceAreAllAnsweredAndRecorded()
    {
        var database = await postgres.NewDatabaseAsync();
        await using var gateway = await GatewayHost.StartAsync(Settings.Durable(database, chunkDelay: "00:00:00.010").AsArguments());
        var ids = Enumerable.Range(0, 200).Select(i => $"load-{i}-{Guid.NewGuid():N}").ToArray();

        var conversations = await Task.WhenAll(ids.Select(async id =>
        {
            await using var client = await gateway.ConnectAsync(id);
            await client.SendMessageAsync("m1", "Hello, what does it cost?");
            var frames = await client.UntilAsync(f => f.IsReply(1), TimeSpan.FromSeconds(120));
            await client.SendMessageAsync("m2", "We are interested, tell me more");
            frames.AddRange(await client.UntilAsync(f => f.IsReply(2), TimeSpan.FromSeconds(120)));
            return (Id: id, Frames: frames);
        }));

        Assert.All(conversations, c =>
        {
            FrameAssert.Gapless(c.Frames, 1);
            Assert.Equal(2, c.Frames.Count(f => f.Type == "assistant_message"));
        });

        // Every turn lands in the transcript exactly once (written after the reply, so wait for it).
        var transcripts = gateway.App.Services.GetRequiredService<ITranscriptStore>();
        foreach (var (id, frames) in conversations)
        {
            var stored = await Eventually.GetAsync(() => transcripts.ReadAsync(id, CancellationToken.None), turns => turns.Count == 2);
            Assert.Equal([1, 2], stored.Select(t => t.Turn));
            Assert.Equal(frames.Where(f => f.Type == "assistant_message").Select(f => f.Content), stored.Select(t => t.Reply));
        }
    }
}
