using System.Net;
using Conversations.Grains.Webhooks;
using Npgsql;

namespace Conversations.Durability.Tests;

[Collection(PostgresCollection.Name)]
public sealed class WebhookDeadLetterTests(PostgresFixture postgres)
{
    private const string Secret = "durable-secret-0123456789";

    [Fact]
    public async Task AnEventThatFailsEveryAttemptIsADeadLetterInPostgresThatOutlivesARestartAndCanBeRedelivered()
    {
        var database = await postgres.NewDatabaseAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var failing = true;
        receiver.Answer = _ => Volatile.Read(ref failing) ? 500 : 200;
        string[] webhooks =
        [
            .. receiver.EndpointArguments(0, "crm", Secret, WebhookEventTypes.TurnAnswered),
            "--Conversations:Webhooks:MaxAttempts", "2",
            "--Conversations:Webhooks:FirstRetryDelay", "00:00:00.020",
            "--Conversations:Webhooks:MaxRetryDelay", "00:00:00.050",
        ];
        var conversationId = $"wh-{Guid.NewGuid():N}";
        string? eventId;
        await using (var first = await GatewayHost.StartAsync([.. Settings.Durable(database).AsArguments(), .. webhooks]))
        {
            await using (var client = await first.ConnectAsync(conversationId))
            {
                await client.SendMessageAsync("m1", "Hi, we are looking for a CRM for our sales team");
                await client.UntilAsync(f => f.IsReply(1));
            }

            var rows = await Eventually.GetAsync(() => ReadRowsAsync(database), r => r.Count > 0, TimeSpan.FromSeconds(20));
            var row = Assert.Single(rows);
            eventId = row.EventId;
            Assert.Equal((conversationId, "crm", 2, "HTTP 500"), (row.ConversationId, row.Endpoint, row.Attempts, row.LastError));
            Assert.Equal(receiver.Url.ToString(), row.Url);
            Assert.Equal(2, receiver.Requests.Count(r => r.EventId == eventId));
            Assert.Equal(receiver.Requests[0].Body, row.Body);
        }

        // A new cluster on the same database lists it, and sends it again once the receiver is back.
        Volatile.Write(ref failing, false);
        await using var second = await GatewayHost.StartAsync([.. Settings.Durable(database).AsArguments(), .. webhooks]);
        using var api = new ApiCall(second.HttpUri);
        var listed = await api.GetAsync("/api/v1/webhooks/dead-letters");
        var letter = Assert.Single(listed.Body.GetProperty("items").EnumerateArray());
        Assert.Equal(eventId, letter.GetProperty("event_id").GetString());

        var redelivered = await api.PostAsync($"/api/v1/webhooks/dead-letters/{letter.GetProperty("id").GetInt64()}/redeliver", "");
        Assert.Equal(HttpStatusCode.Accepted, redelivered.Status);
        var arrived = await receiver.WaitForAsync(r => r.EventId == eventId && r.Status == 200);
        Assert.True(WebhookSignature.Verify(arrived.Header(WebhookHeaders.Signature), Secret, arrived.BodyBytes, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.Empty(await ReadRowsAsync(database));
    }

    private static async Task<List<(string EventId, string ConversationId, string Endpoint, string Url, string Body, int Attempts, string LastError)>> ReadRowsAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT event_id, conversation_id, endpoint, url, body, attempts, last_error FROM webhook_dead_letters ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, string, string, string, int, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5), reader.GetString(6)));
        }

        return rows;
    }
}
