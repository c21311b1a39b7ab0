using System.Net;

namespace Conversations.Durability.Tests;

// The operator side on PostgreSQL storage: who holds a handed-off conversation, what they wrote and the queue
// are stored, not kept in memory.
[Collection(PostgresCollection.Name)]
public sealed class OperatorRestartTests(PostgresFixture postgres)
{
    [Fact]
    public async Task AHeldConversationItsOperatorsMessageAndTheQueueSurviveAFullRestart()
    {
        var database = await postgres.NewDatabaseAsync();
        var id = $"op-{Guid.NewGuid():N}";
        long lastSeqBeforeOperator;
        string operatorMessage;
        await using (var first = await GatewayHost.StartAsync(Settings.Durable(database, chunkDelay: null).AsArguments()))
        {
            await using var user = await first.ConnectAsync(id);
            await user.SendMessageAsync("m1", "I want to talk to a real person");
            lastSeqBeforeOperator = (await user.UntilAsync(f => f.IsReply(1)))[^1].Seq!.Value;
            using var api = new ApiCall(first.HttpUri);
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/operator/conversations/{id}/take", """{"operator_name":"Dana"}""")).Status);
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/operator/conversations/{id}/reply", """{"content":"Dana here, one moment.","operator_name":"Dana"}""")).Status);
            operatorMessage = (await user.UntilAsync(f => f.Type == "assistant_message" && f.Turn == 1 && f.Root.TryGetProperty("author", out _))).Last().Raw;
        }

        await using var second = await GatewayHost.StartAsync(Settings.Durable(database, chunkDelay: null).AsArguments());
        using var again = new ApiCall(second.HttpUri);
        var queued = (await again.GetAsync("/api/v1/operator/queue")).Body.GetProperty("conversations").EnumerateArray()
            .Single(e => e.GetProperty("conversation_id").GetString() == id);
        Assert.Equal("Dana", queued.GetProperty("taken_by").GetProperty("name").GetString());
        var intruder = await again.PostAsync($"/api/v1/operator/conversations/{id}/reply", """{"content":"Sam here","operator_id":"sam"}""");
        Assert.Equal((HttpStatusCode.Conflict, "CONVERSATION_HELD"), (intruder.Status, intruder.ErrorCode));

        await using var resumed = await second.ConnectAsync(id, lastSeq: lastSeqBeforeOperator);
        Assert.True((await resumed.NextAsync()).IsSystem("conversation_resumed"));
        var replay = await resumed.UntilAsync(f => f.Raw == operatorMessage);
        Assert.Equal("operator_joined", replay[0].Root.GetProperty("metadata").GetProperty("event").GetString());
    }
}
