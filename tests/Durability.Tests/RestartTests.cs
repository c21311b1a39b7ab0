using Conversations.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Durability.Tests;

[Collection(PostgresCollection.Name)]
public sealed class RestartTests(PostgresFixture postgres)
{
    [Fact]
    public async Task ConversationSurvivesAFullRestart()
    {
        var database = await postgres.NewDatabaseAsync();
        var id = $"restart-{Guid.NewGuid():N}";
        List<Frame> before;
        await using (var first = await GatewayHost.StartAsync(Settings.Durable(database).AsArguments()))
        {
            await using var client = await first.ConnectAsync(id, query: "user_name=Ana");
            await client.SendMessageAsync("m1", "Hi, we are looking for a CRM for our team");
            before = await client.UntilAsync(f => f.IsReply(1));
            await client.SendMessageAsync("m2", "Tell me more, how does the reporting work?");
            before.AddRange(await client.UntilAsync(f => f.IsReply(2)));
        }

        // Every silo is gone; a new one, in a new cluster, starts from what PostgreSQL holds.
        await using var second = await GatewayHost.StartAsync(Settings.Durable(database).AsArguments());
        var resumeFrom = before[5].Seq!.Value;
        await using var again = await second.ConnectAsync(id, lastSeq: resumeFrom);
        var resumed = await again.NextAsync();
        var replay = await again.UntilAsync(f => f.IsReply(2));
        await again.SendMessageAsync("m3", "What does it cost?");
        var next = await again.UntilAsync(f => f.IsReply(3));

        Assert.True(resumed.IsSystem("conversation_resumed"));
        Assert.Equal(before[^1].Seq, resumed.Root.GetProperty("metadata").GetProperty("last_seq").GetInt64());
        Assert.Equal(4, resumed.Root.GetProperty("metadata").GetProperty("message_count").GetInt32());
        Assert.Equal(before.Where(f => f.Seq > resumeFrom).Select(f => f.Raw), replay.Select(f => f.Raw));
        Assert.Equal(before[^1].Seq + 1, next[0].Seq);
        FrameAssert.Gapless(next, before[^1].Seq!.Value + 1);
        Assert.Equal("value_proposition", before[^1].Root.GetProperty("state").GetString());
        Assert.Equal("value_proposition", next[^1].Root.GetProperty("previous_state").GetString());
        Assert.Equal("price_negotiation", next[^1].Root.GetProperty("state").GetString());

        var snapshot = await second.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IConversationGrain>(id).GetSnapshotAsync();
        Assert.Equal(3, snapshot.TurnCount);
        Assert.Equal(["Hi, we are looking for a CRM for our team", "Tell me more, how does the reporting work?", "What does it cost?"], snapshot.RecentTurns.Select(t => t.UserMessage));
    }

    [Fact]
    public async Task SiloKilledBetweenAckAndReplyAnswersTheTurnAfterRestart()
    {
        var database = await postgres.NewDatabaseAsync();
        var id = $"killed-{Guid.NewGuid():N}";
        var settings = Settings.Durable(database, chunkDelay: "00:00:00.200");

        List<Frame> beforeKill;
        await using (var doomed = await ServiceProcess.StartAsync(settings))
        {
            var client = await doomed.ConnectAsync(id);
            await client.SendMessageAsync("m1", "Tell me more about your reporting features please");
            beforeKill = await client.UntilAsync(f => f.Type == "assistant_delta");
            await doomed.KillAsync();
            await client.DisposeAsync();
        }

        Assert.Equal("ack", beforeKill[0].Type);
        await using var revived = await ServiceProcess.StartAsync(settings);
        var lastSeen = beforeKill[^1].Seq!.Value;
        await using var again = await revived.ConnectAsync(id, lastSeq: lastSeen);
        var after = await again.UntilAsync(f => f.IsReply(1), TimeSpan.FromSeconds(60));

        // The acked turn is answered again from the start, announced by a restarted processing frame.
        Assert.True(after[0].IsSystem("conversation_resumed"));
        var log = after.Skip(1).ToList();
        FrameAssert.Gapless(log, lastSeen + 1);
        var restart = log.FindIndex(f => f.IsSystem("processing"));
        Assert.True(restart >= 0, "expected a second processing frame for the turn");
        Assert.True(log[restart].Root.GetProperty("metadata").GetProperty("restarted").GetBoolean());
        var deltasAfterRestart = log.Skip(restart).Where(f => f.Type == "assistant_delta").Select(f => f.Delta);
        Assert.Equal(log[^1].Content, string.Concat(deltasAfterRestart));
        Assert.Single(log, f => f.Type == "assistant_message");
    }

    [Fact]
    public async Task ATurnWhoseProcessDiesEveryTimeIsGivenUpAfterItsAttemptsAndItsMessageKept()
    {
        var database = await postgres.NewDatabaseAsync();
        var id = $"crashing-{Guid.NewGuid():N}";
        var settings = Settings.Durable(database, chunkDelay: "00:00:00.300");
        settings["Conversations:MaxTurnAttempts"] = "2";

        // Two attempts, each cut short by SIGKILL once the reply has begun to stream.
        long lastSeen = 0;
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await using var doomed = await ServiceProcess.StartAsync(settings);
            var client = await doomed.ConnectAsync(id, lastSeq: lastSeen);
            if (attempt == 1)
            {
                await client.SendMessageAsync("m1", "Tell me more about your reporting features please");
            }

            // Frames of the attempt before may be replayed first: wait for this attempt's own start.
            var seen = await client.UntilAsync(f => f.IsSystem("processing"), TimeSpan.FromSeconds(60));
            seen.AddRange(await client.UntilAsync(f => f.Type == "assistant_delta", TimeSpan.FromSeconds(60)));
            lastSeen = seen.Last(f => f.Seq is not null).Seq!.Value;
            await doomed.KillAsync();
            await client.DisposeAsync();
        }

        await using var revived = await ServiceProcess.StartAsync(settings);
        await using var again = await revived.ConnectAsync(id, lastSeq: lastSeen);
        var after = await again.UntilAsync(f => f.Type == "error" && f.Turn == 1, TimeSpan.FromSeconds(60));

        Assert.Equal("INTERNAL_ERROR", after[^1].ErrorCode);
        Assert.DoesNotContain(after, f => f.IsSystem("processing"));
        FrameAssert.Gapless(after, lastSeen + 1);
        await again.SendMessageAsync("m2", "Ok, what does it cost?");
        var next = await again.UntilAsync(f => f.IsReply(2), TimeSpan.FromSeconds(60));
        Assert.Equal(after[^1].Seq + 1, next[0].Seq);

        // The message that was never answered is in the transcript, marked failed.
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT user_message, reply, failed FROM conversation_turns WHERE conversation_id = @id AND turn = 1", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("Tell me more about your reporting features please", reader.GetString(0));
        Assert.Equal(string.Empty, reader.GetString(1));
        Assert.True(reader.GetBoolean(2));
    }
}
