using Conversations.Grains.Interfaces;
using Conversations.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Durability.Tests;

[Collection(PostgresCollection.Name)]
public sealed class LifecycleTests(PostgresFixture postgres)
{
    [Fact]
    public async Task IdleConversationDeactivatesAndComesBackFromStorage()
    {
        var settings = Settings.Durable(await postgres.NewDatabaseAsync());
        settings["Cluster:IdleDeactivation"] = "00:00:02";
        await using var gateway = await GatewayHost.StartAsync(settings.AsArguments());
        var id = $"idle-{Guid.NewGuid():N}";
        List<Frame> turn;
        await using (var client = await gateway.ConnectAsync(id))
        {
            await client.SendMessageAsync("m1", "hello");
            turn = await client.UntilAsync(f => f.IsReply(1));
        }

        var grains = gateway.App.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        var reference = (GrainReference)grains.GetGrain<IConversationGrain>(id);
        await Eventually.GetAsync(() => management.GetGrainActivationCount(reference), count => count == 0, TimeSpan.FromSeconds(30));

        await using var again = await gateway.ConnectAsync(id, lastSeq: 0);
        var replay = await again.UntilAsync(f => f.IsReply(1));
        Assert.Equal(turn.Select(f => f.Raw), replay.Skip(1).Select(f => f.Raw));
    }

    [Fact]
    public async Task ConversationUnusedPastTheRetentionIsDeletedWithItsTranscript()
    {
        var settings = Settings.Durable(await postgres.NewDatabaseAsync());
        settings["Conversations:Retention"] = "00:00:02";
        settings["Conversations:RetentionCheckInterval"] = "00:00:01";
        await using var gateway = await GatewayHost.StartAsync(settings.AsArguments());
        var id = $"expiring-{Guid.NewGuid():N}";
        await using (var client = await gateway.ConnectAsync(id))
        {
            await client.SendMessageAsync("m1", "hello");
            await client.UntilAsync(f => f.IsReply(1));
        }

        var transcripts = gateway.App.Services.GetRequiredService<ITranscriptStore>();
        var grain = gateway.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IConversationGrain>(id);
        await Eventually.GetAsync(() => transcripts.ReadAsync(id, CancellationToken.None), turns => turns.Count == 1);

        await Eventually.GetAsync(() => transcripts.ReadAsync(id, CancellationToken.None), turns => turns.Count == 0, TimeSpan.FromSeconds(60));
        var snapshot = await Eventually.GetAsync(grain.GetSnapshotAsync, s => s.TurnCount == 0, TimeSpan.FromSeconds(30));
        Assert.Equal(0, snapshot.LastSeq);
        Assert.Empty(snapshot.RecentTurns);
    }
}
