using System.Net;
using System.Text;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Gateway.Tests.Webhooks;

// Outbound webhooks on a real gateway (embedded silo, memory storage) to a real receiver on loopback.
public sealed class WebhookTests
{
    private const string Secret = "test-secret-0123456789";

    // Retries come quickly in tests; the backoff's shape is Polly's.
    private static readonly string[] FastRetries =
    [
        "--Conversations:Webhooks:FirstRetryDelay", "00:00:00.020",
        "--Conversations:Webhooks:MaxRetryDelay", "00:00:00.100",
    ];

    [Fact]
    public async Task SocketTurnsSendSignedEventsThatVerify()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var gateway = await GatewayHost.StartAsync([.. receiver.EndpointArguments(0, "crm", Secret)]);
        var conversationId = $"wh-{Guid.NewGuid():N}";
        await using (var client = await gateway.ConnectAsync(conversationId))
        {
            await client.SendMessageAsync("m1", "Hi, we are looking for a CRM for our sales team");
            await client.UntilAsync(f => f.IsReply(1));
            await client.SendMessageAsync("m2", "This is useless, I want to talk to a real person");
            var second = await client.UntilAsync(f => f.IsReply(2));
            Assert.Contains(second, f => f.IsSystem("handoff"));
        }

        // A person hands it back (an operator's action, on the grain).
        Assert.True(await gateway.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IConversationGrain>(conversationId).HandBackAsync());

        var answered = await receiver.WaitForAsync(r => r.EventType == WebhookEventTypes.TurnAnswered && r.Field("turn") == "1");
        var handedOff = await receiver.WaitForAsync(r => r.EventType == WebhookEventTypes.HandedOff);
        var handedBack = await receiver.WaitForAsync(r => r.EventType == WebhookEventTypes.HandedBack);
        foreach (var request in new[] { answered, handedOff, handedBack })
        {
            Assert.True(
                WebhookSignature.Verify(request.Header(WebhookHeaders.Signature), Secret, request.BodyBytes, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)),
                $"{request.Header(WebhookHeaders.Signature)} does not sign {request.Body}");
            Assert.Equal(conversationId, request.Field("conversation_id"));
            Assert.StartsWith("evt_", request.EventId, StringComparison.Ordinal);
            Assert.Equal(request.EventId, request.Header(WebhookHeaders.EventId));
            Assert.Equal(request.EventId, request.Header(WebhookHeaders.IdempotencyKey));
            Assert.Equal(request.EventType, request.Header(WebhookHeaders.EventType));
            Assert.Equal("1", request.Header(WebhookHeaders.Attempt));
            Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
            Assert.NotNull(request.Field("timestamp"));
            Assert.NotNull(request.Field("state"));
        }

        Assert.Equal("2", handedOff.Field("turn"));
        Assert.NotNull(handedOff.Field("reason"));
        Assert.NotNull(answered.Field("intent"));
        Assert.Null(handedBack.Field("turn"));
        Assert.NotEqual(answered.EventId, handedOff.EventId);

        // The signature binds the body, the timestamp and the secret: a changed byte, another secret or an old
        // timestamp fails.
        var tampered = Encoding.UTF8.GetBytes(answered.Body.Replace(conversationId, conversationId + "x", StringComparison.Ordinal));
        Assert.False(WebhookSignature.Verify(answered.Header(WebhookHeaders.Signature), Secret, tampered, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(answered.Header(WebhookHeaders.Signature), Secret + "x", answered.BodyBytes, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(answered.Header(WebhookHeaders.Signature), Secret, answered.BodyBytes, DateTimeOffset.UtcNow.AddMinutes(10), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task AReceiverThatFailsTwiceGetsTheEventOnTheThirdAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = attempt => attempt <= 2 ? 500 : 200;
        await using var gateway = await GatewayHost.StartAsync(
            [.. receiver.EndpointArguments(0, "flaky", Secret, WebhookEventTypes.TurnAnswered), .. FastRetries]);
        await using (var client = await gateway.ConnectAsync($"wh-{Guid.NewGuid():N}"))
        {
            await client.SendMessageAsync("m1", "Hi, we are looking for a CRM for our sales team");
            await client.UntilAsync(f => f.IsReply(1));
        }

        var delivered = await receiver.WaitForAsync(r => r.Status == 200);
        var attempts = receiver.Requests.Where(r => r.EventId == delivered.EventId).ToList();
        Assert.Equal([500, 500, 200], attempts.Select(r => r.Status));
        Assert.Equal(["1", "2", "3"], attempts.Select(r => r.Header(WebhookHeaders.Attempt)));
        Assert.All(attempts, r => Assert.Equal(delivered.Body, r.Body));
        Assert.All(attempts, r => Assert.True(WebhookSignature.Verify(r.Header(WebhookHeaders.Signature), Secret, r.BodyBytes, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5))));

        // The filter let only turn.answered through, and a delivered event leaves no dead letter.
        Assert.All(receiver.Requests, r => Assert.Equal(WebhookEventTypes.TurnAnswered, r.EventType));
        using var api = new ApiCall(gateway.HttpUri);
        var deadLetters = await api.GetAsync("/api/v1/webhooks/dead-letters");
        Assert.Equal(HttpStatusCode.OK, deadLetters.Status);
        Assert.Empty(deadLetters.Body.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AReceiverThatAlwaysFailsLeavesADeadLetterThatCanBeRedelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var failing = true;
        receiver.Answer = _ => Volatile.Read(ref failing) ? 503 : 200;
        await using var gateway = await GatewayHost.StartAsync(
            [.. receiver.EndpointArguments(0, "down", Secret, WebhookEventTypes.TurnAnswered), "--Conversations:Webhooks:MaxAttempts", "3", .. FastRetries]);
        var conversationId = $"wh-{Guid.NewGuid():N}";
        await using (var client = await gateway.ConnectAsync(conversationId))
        {
            await client.SendMessageAsync("m1", "Hi, we are looking for a CRM for our sales team");
            await client.UntilAsync(f => f.IsReply(1));
        }

        using var api = new ApiCall(gateway.HttpUri);
        var listed = await Eventually.GetAsync(
            () => api.GetAsync("/api/v1/webhooks/dead-letters"),
            r => r.Body.GetProperty("items").GetArrayLength() > 0,
            TimeSpan.FromSeconds(20));
        var letter = Assert.Single(listed.Body.GetProperty("items").EnumerateArray());
        var eventId = letter.GetProperty("event_id").GetString();
        Assert.Equal(3, letter.GetProperty("attempts").GetInt32());
        Assert.Equal("HTTP 503", letter.GetProperty("last_error").GetString());
        Assert.Equal("down", letter.GetProperty("endpoint").GetString());
        Assert.Equal(conversationId, letter.GetProperty("conversation_id").GetString());
        Assert.Equal(WebhookEventTypes.TurnAnswered, letter.GetProperty("event_type").GetString());
        Assert.Equal(3, receiver.Requests.Count(r => r.EventId == eventId));

        // Every failed request and the dead letter are counted, by endpoint.
        using var metricsHttp = new HttpClient { BaseAddress = gateway.HttpUri, Timeout = TimeSpan.FromSeconds(20) };
        var metrics = await Eventually.GetAsync(
            () => MetricsScrape.ReadAsync(metricsHttp),
            m => m.Sum("conversations_webhook_dead_letters_total", "endpoint=\"down\"") == 1,
            TimeSpan.FromSeconds(10));
        Assert.Equal(3, metrics.Sum("conversations_webhook_failed_attempts_total", "endpoint=\"down\"", "reason=\"5xx\""));
        Assert.Equal(1, metrics.Sum("conversations_webhook_deliveries_total", "endpoint=\"down\"", "outcome=\"dead_lettered\""));

        // Once the receiver is back, the operator sends it again: the same event, signed anew, and the letter is gone.
        Volatile.Write(ref failing, false);
        var id = letter.GetProperty("id").GetInt64();
        var redelivered = await api.PostAsync($"/api/v1/webhooks/dead-letters/{id}/redeliver", "");
        Assert.Equal(HttpStatusCode.Accepted, redelivered.Status);
        Assert.Equal(eventId, redelivered.Text("event_id"));
        var arrived = await receiver.WaitForAsync(r => r.EventId == eventId && r.Status == 200);
        Assert.Equal(letter.GetProperty("body").GetString(), arrived.Body);
        Assert.True(WebhookSignature.Verify(arrived.Header(WebhookHeaders.Signature), Secret, arrived.BodyBytes, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.Empty((await api.GetAsync("/api/v1/webhooks/dead-letters")).Body.GetProperty("items").EnumerateArray());
        // The count of deliveries itself is waited on, so that a timeout says what the count was.
        await Eventually.GetAsync(
            async () => (await MetricsScrape.ReadAsync(metricsHttp)).Sum("conversations_webhook_deliveries_total", "endpoint=\"down\"", "outcome=\"delivered\""),
            delivered => delivered == 1,
            TimeSpan.FromSeconds(30));

        var again = await api.PostAsync($"/api/v1/webhooks/dead-letters/{id}/redeliver", "");
        Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), (again.Status, again.ErrorCode));
    }

    [Fact]
    public async Task AnEventTheReceiverRefusesWithA4xxIsADeadLetterWithoutRetries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 422;
        await using var gateway = await GatewayHost.StartAsync(
            [.. receiver.EndpointArguments(0, "strict", Secret, WebhookEventTypes.TurnAnswered), .. FastRetries]);
        await using (var client = await gateway.ConnectAsync($"wh-{Guid.NewGuid():N}"))
        {
            await client.SendMessageAsync("m1", "Hi, we are looking for a CRM for our sales team");
            await client.UntilAsync(f => f.IsReply(1));
        }

        using var api = new ApiCall(gateway.HttpUri);
        var listed = await Eventually.GetAsync(
            () => api.GetAsync("/api/v1/webhooks/dead-letters"),
            r => r.Body.GetProperty("items").GetArrayLength() > 0,
            TimeSpan.FromSeconds(20));
        var letter = Assert.Single(listed.Body.GetProperty("items").EnumerateArray());
        Assert.Equal((1, "HTTP 422"), (letter.GetProperty("attempts").GetInt32(), letter.GetProperty("last_error").GetString()));
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task AReceiverThatIsDownOrHangsDoesNotHoldUpTurns()
    {
        // One receiver takes requests and does not answer until the test says so; the other endpoint refuses
        // connections (nothing listens on its port).
        await using var hanging = await WebhookReceiver.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hanging.Gate = release.Task;
        var closedPort = FreePort.Next();
        await using var gateway = await GatewayHost.StartAsync(
        [
            .. hanging.EndpointArguments(0, "hanging", Secret),
            .. WebhookReceiver.EndpointArguments(1, "refused", $"http://127.0.0.1:{closedPort}/hook", Secret),
            "--Conversations:Webhooks:RequestTimeout", "00:01:00",
            .. FastRetries,
        ]);
        try
        {
            await using var client = await gateway.ConnectAsync($"wh-{Guid.NewGuid():N}");
            await client.SendMessageAsync("m1", "Hi, we are looking for a CRM for our sales team");
            await client.UntilAsync(f => f.IsReply(1));
            var held = await hanging.WaitForAsync(r => r.EventType == WebhookEventTypes.TurnAnswered);

            // Turn 1's event is still unanswered by the receiver, and the next turns are answered all the same.
            await client.SendMessageAsync("m2", "We are 25 people and use spreadsheets today");
            await client.UntilAsync(f => f.IsReply(2));
            await client.SendMessageAsync("m3", "What does it cost?");
            await client.UntilAsync(f => f.IsReply(3));
            Assert.False(release.Task.IsCompleted);
            Assert.Equal("1", held.Field("turn"));
        }
        finally
        {
            release.TrySetResult();
        }

        // Once it answers, the held events are delivered.
        await hanging.WaitForAsync(r => r.EventType == WebhookEventTypes.TurnAnswered && r.Field("turn") == "3");
    }
}
