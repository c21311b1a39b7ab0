using System.Text.Json;
using Conversations.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Conversations.Durability.Tests;

// A database written by the checkpoint format (Legacy/README.md), migrated by the code of today.
[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresFixture postgres)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Legacy");

    [Fact]
    public async Task ConversationsStoredAsCheckpointsMoveIntoTheLogAndResumeByteForByte()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await postgres.Server.RunFileAsync(database, Path.Combine(Folder, "database.sql"));
        var sent = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(await File.ReadAllTextAsync(Path.Combine(Folder, "frames.json")))!;

        await using var host = await GatewayHost.StartAsync(Settings.Durable(connectionString).AsArguments());
        Assert.Equal(0, await ScalarAsync(connectionString, "SELECT count(*) FROM orleans_storage WHERE grain_type_string = 'checkpoint'"));
        Assert.Equal(3, await ScalarAsync(connectionString, "SELECT count(*) FROM conversation_snapshots"));

        // legacy-a: 12 answered turns, of which the window keeps the last 10.
        var a = sent["legacy-a"].Select(Frame.Parse).ToList();
        var windowStart = a.First(f => f.Turn == 3).Seq!.Value;
        await using (var client = await host.ConnectAsync("legacy-a", lastSeq: windowStart - 1))
        {
            var resumed = await client.NextAsync();
            var replay = await client.UntilAsync(f => f.IsReply(12));
            Assert.True(resumed.IsSystem("conversation_resumed"));
            Assert.Equal(24, resumed.Root.GetProperty("metadata").GetProperty("message_count").GetInt32());
            Assert.Equal(a.Where(f => f.Seq >= windowStart).Select(f => f.Raw), replay.Select(f => f.Raw));

            await client.SendMessageAsync("a13", "What does it cost?");
            var next = await client.UntilAsync(f => f.IsReply(13));
            Assert.Equal(a[^1].Seq + 1, next[0].Seq);
            FrameAssert.Gapless(next, a[^1].Seq!.Value + 1);
            Assert.Equal(a[^1].Root.GetProperty("state").GetString(), next[^1].Root.GetProperty("previous_state").GetString());

            // The id of a message sent before the migration is still known.
            await client.SendMessageAsync("a12", "Thanks, that is helpful");
            var original = await client.NextAsync();
            Assert.Equal(a.Single(f => f.Type == "ack" && f.Id == "a12").Raw, original.Raw);
        }

        await using (var behind = await host.ConnectAsync("legacy-a", lastSeq: 1))
        {
            await behind.NextAsync();
            Assert.True((await behind.NextAsync()).IsSystem("resync_required"));
        }

        var details = await host.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IConversationGrain>("legacy-a").GetDetailsAsync();
        Assert.Equal("legacy-user-1", details.UserId);
        Assert.Equal(5, Assert.Single(details.Feedback).Rating);
        Assert.Equal(13, details.Snapshot.TurnCount);

        // legacy-b: a third turn acknowledged and half streamed is answered again from the start.
        var b = sent["legacy-b"].Select(Frame.Parse).ToList();
        await using (var client = await host.ConnectAsync("legacy-b", lastSeq: 0))
        {
            await client.NextAsync();
            var log = await client.UntilAsync(f => f.IsReply(3), TimeSpan.FromSeconds(60));
            Assert.Equal(b.Select(f => f.Raw), log.Take(b.Count).Select(f => f.Raw));
            var after = log.Skip(b.Count).ToList();
            FrameAssert.Gapless(after, b[^1].Seq!.Value + 1);
            Assert.True(after[0].IsSystem("processing"));
            Assert.True(after[0].Root.GetProperty("metadata").GetProperty("restarted").GetBoolean());
        }

        // legacy-c: a first turn half streamed, a second acknowledged behind it: both are answered, in order.
        var c = sent["legacy-c"].Select(Frame.Parse).ToList();
        await using (var client = await host.ConnectAsync("legacy-c", lastSeq: 0))
        {
            Assert.True((await client.NextAsync()).IsSystem("conversation_resumed"));
            var log = await client.UntilAsync(f => f.IsReply(2), TimeSpan.FromSeconds(60));
            Assert.Equal(c.Select(f => f.Raw), log.Take(c.Count).Select(f => f.Raw));
            FrameAssert.Gapless(log, 1);
            Assert.Single(log, f => f.IsReply(1));
        }
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
