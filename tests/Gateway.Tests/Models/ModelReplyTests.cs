using System.Diagnostics;
using Conversations.Grains.Interfaces;
using Conversations.Tests.Support.Models;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Conversations.Gateway.Tests.Models;

// Replies from a real OpenAI-compatible HTTP server through the real OpenAI client library, over the gateway.
[Collection(ModelCollection.Name)]
public sealed class ModelReplyTests(ModelGatewayFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly GatewayHost _gateway = fixture.Host;
    private readonly ModelServer _server = fixture.Server;

    [Fact]
    public async Task ModelReplyStreamsTokenByTokenAndRecordsTokenUsage()
    {
        var (id, key) = NewCase();
        _server.Script(key, ModelStep.Reply("Hello ", "Ana, ", "how can ", "I help?"));
        await using var client = await _gateway.ConnectAsync(id, query: "user_name=Ana");

        await client.SendMessageAsync("m1", $"Hi, we need a CRM {key}");
        var frames = await client.UntilAsync(f => f.IsReply(1));

        var reply = frames[^1];
        Assert.Equal("Hello Ana, how can I help?", reply.Content);
        Assert.Equal(reply.Content, string.Concat(frames.Where(f => f.Type == "assistant_delta").Select(f => f.Delta)));
        Assert.Equal("openai:test-model", ModelFrames.Responder(reply));
        Assert.DoesNotContain(frames, f => f.Type == "error");
        var usage = reply.Root.GetProperty("metadata").GetProperty("usage");
        Assert.Equal(42, usage.GetProperty("input_tokens").GetInt64());
        Assert.True(usage.GetProperty("output_tokens").GetInt64() > 0);
        Assert.Equal(42 + usage.GetProperty("output_tokens").GetInt64(), usage.GetProperty("total_tokens").GetInt64());

        var request = Assert.Single(_server.RequestsFor(key));
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer test-key", request.Headers["Authorization"]);
        Assert.True(request.Body.GetProperty("stream").GetBoolean());
        Assert.Equal(ModelGatewayFixture.Model, request.Body.GetProperty("model").GetString());
        var system = request.Body.GetProperty("messages")[0];
        Assert.Equal("system", system.GetProperty("role").GetString());
        Assert.Contains("interest_qualification", system.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains("Ana", system.GetProperty("content").GetString(), StringComparison.Ordinal);

        await ModelFrames.AssertConsistentAsync(_gateway, id, frames, turns: 1);
        var snapshot = await _gateway.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IConversationGrain>(id).GetSnapshotAsync();
        Assert.Equal(42, snapshot.RecentTurns[0].Usage?.InputTokens);
        Assert.Equal("openai:test-model", snapshot.RecentTurns[0].Responder);
    }

    [Fact]
    public async Task SlowFirstTokenFallsBackInTimeAndTheLateAnswerIsNeverDelivered()
    {
        var (id, key) = NewCase();
        _server.Script(key, ModelStep.SlowReply(TimeSpan.FromSeconds(6), "LATE ", "ANSWER"));
        await using var client = await _gateway.ConnectAsync(id);

        await client.SendMessageAsync("m1", $"Tell me about reporting {key}");
        var ack = await client.NextAsync();
        var clock = Stopwatch.StartNew();
        var untilError = await client.UntilAsync(f => f.Type == "error", Bound);
        var errorAfter = clock.Elapsed;
        var rest = await client.UntilAsync(f => f.IsReply(1), Bound);
        var turn1 = new[] { ack }.Concat(untilError).Concat(rest).ToList();

        var error = untilError[^1];
        Assert.Equal("LLM_TIMEOUT", error.ErrorCode);
        Assert.True(error.Root.GetProperty("metadata").GetProperty("fallback_available").GetBoolean());
        Assert.True(error.Root.GetProperty("metadata").GetProperty("conversation_preserved").GetBoolean());
        Assert.Equal(1, error.Turn);
        Assert.NotNull(error.Seq);
        output.WriteLine($"LLM_TIMEOUT error frame {errorAfter.TotalMilliseconds:F0} ms after the ack (first-token deadline 2000 ms)");
        Assert.True(errorAfter < TimeSpan.FromSeconds(2) + TimeSpan.FromSeconds(1.5), $"the fallback began {errorAfter.TotalMilliseconds:F0} ms after the ack");
        var reply = turn1[^1];
        Assert.Equal("offline-fallback", ModelFrames.Responder(reply));
        Assert.False(string.IsNullOrEmpty(reply.Content));
        Assert.Equal(reply.Content, ModelFrames.KeptReply(turn1, 1));
        Assert.DoesNotContain(turn1, f => f.Type == "assistant_delta" && f.Seq < error.Seq);

        // The model's HTTP request was cancelled, so its late answer cannot arrive at all.
        await Assert.Single(_server.RequestsFor(key)).Aborted.WaitAsync(Bound);
        await client.SendMessageAsync("m2", "And what does it cost?");
        var turn2 = await client.UntilAsync(f => f.IsReply(2), Bound);
        var all = turn1.Concat(turn2).ToList();
        Assert.DoesNotContain(all, f => f.Raw.Contains("LATE", StringComparison.Ordinal));
        Assert.Equal("openai:test-model", ModelFrames.Responder(turn2[^1]));
        await ModelFrames.AssertConsistentAsync(_gateway, id, all, turns: 2);
    }

    [Fact]
    public async Task RateLimitedRequestIsRetriedAfterRetryAfterAndTheModelAnswers()
    {
        var (id, key) = NewCase();
        _server.Script(key, ModelStep.Error(429, retryAfterSeconds: 1), ModelStep.Reply("Sure, ", "here it is."));
        await using var client = await _gateway.ConnectAsync(id);

        await client.SendMessageAsync("m1", $"hello {key}");
        var frames = await client.UntilAsync(f => f.IsReply(1), Bound);

        Assert.DoesNotContain(frames, f => f.Type == "error");
        Assert.Equal("Sure, here it is.", frames[^1].Content);
        Assert.Equal("openai:test-model", ModelFrames.Responder(frames[^1]));
        var requests = _server.RequestsFor(key);
        Assert.Equal(2, requests.Count);
        var waited = requests[1].ReceivedAt - requests[0].ReceivedAt;
        output.WriteLine($"429 retried after {waited.TotalMilliseconds:F0} ms (Retry-After: 1)");
        Assert.True(waited >= TimeSpan.FromMilliseconds(950), $"retried after {waited.TotalMilliseconds:F0} ms, before Retry-After");
        await ModelFrames.AssertConsistentAsync(_gateway, id, frames, turns: 1);
    }

    [Fact]
    public async Task ServerErrorIsAnsweredByTheFallbackWithAnLlmProcessingError()
    {
        var (id, key) = NewCase();
        _server.Script(key, ModelStep.Error(500));
        await using var client = await _gateway.ConnectAsync(id);

        await client.SendMessageAsync("m1", $"hello {key}");
        var frames = await client.UntilAsync(f => f.IsReply(1), Bound);

        var error = Assert.Single(frames, f => f.Type == "error");
        Assert.Equal("LLM_PROCESSING_ERROR", error.ErrorCode);
        Assert.True(error.Root.GetProperty("metadata").GetProperty("fallback_available").GetBoolean());
        Assert.True(error.Root.GetProperty("metadata").GetProperty("conversation_preserved").GetBoolean());
        Assert.Equal("offline-fallback", ModelFrames.Responder(frames[^1]));
        Assert.Equal(frames[^1].Content, ModelFrames.KeptReply(frames, 1));
        Assert.False(string.IsNullOrEmpty(frames[^1].Content));
        Assert.Single(_server.RequestsFor(key));
        await ModelFrames.AssertConsistentAsync(_gateway, id, frames, turns: 1);
    }

    [Theory]
    [InlineData("cut")]
    [InlineData("malformed")]
    public async Task StreamBrokenMidReplyRestartsTheReplyFromTheFallback(string breakage)
    {
        var (id, key) = NewCase();
        string[] pieces = ["Partial ", "model ", "text "];
        _server.Script(key, breakage == "cut" ? ModelStep.CutAfter(pieces) : ModelStep.MalformedAfter(pieces));
        await using var client = await _gateway.ConnectAsync(id);

        await client.SendMessageAsync("m1", $"hello {key}");
        var frames = await client.UntilAsync(f => f.IsReply(1), Bound);

        AssertRestartedByFallback(frames, string.Concat(pieces));
        await ModelFrames.AssertConsistentAsync(_gateway, id, frames, turns: 1);
    }

    [Fact]
    public async Task CancelStopsTheModelsHttpRequestAndKeepsThePartialReply()
    {
        var (id, key) = NewCase();
        _server.Script(key, ModelStep.HangAfter("Thinking ", "about it "));
        await using var client = await _gateway.ConnectAsync(id);

        await client.SendMessageAsync("m1", $"hello {key}");
        var beforeCancel = await client.UntilAsync(f => f.Type == "assistant_delta", Bound);
        await client.SendAsync(new { type = "cancel" });
        var afterCancel = await client.UntilAsync(f => f.IsReply(1), Bound);
        var frames = beforeCancel.Concat(afterCancel).ToList();

        await Assert.Single(_server.RequestsFor(key)).Aborted.WaitAsync(Bound);
        var reply = frames[^1];
        Assert.True(reply.Root.GetProperty("metadata").GetProperty("cancelled").GetBoolean());
        Assert.StartsWith("Thinking ", reply.Content, StringComparison.Ordinal);
        Assert.Equal(reply.Content, ModelFrames.KeptReply(frames, 1));
        Assert.DoesNotContain(frames, f => f.Type == "error");
        Assert.Equal("openai:test-model", ModelFrames.Responder(reply));
        await ModelFrames.AssertConsistentAsync(_gateway, id, frames, turns: 1);
    }

    [Fact]
    public async Task ModelClassifiesTheIntentAndTheTransitionTableStillDecides()
    {
        var (id, key) = NewCase();
        _server.ScriptIntent(key, """{"intent":"pricing","confidence":0.93}""");
        await using var client = await _gateway.ConnectAsync(id);

        await client.SendMessageAsync("m1", $"hello there {key}");
        var frames = await client.UntilAsync(f => f.IsReply(1), Bound);

        var reply = frames[^1];
        var intent = reply.Root.GetProperty("intent");
        Assert.Equal("pricing", intent.GetProperty("name").GetString());
        Assert.Equal(0.93, intent.GetProperty("confidence").GetDouble());
        // The model's intent, not the words ("hello there"), drives the turn, through the table's price edge.
        Assert.Equal("price_negotiation", reply.Root.GetProperty("state").GetString());
        Assert.False(reply.Root.GetProperty("metadata").TryGetProperty("refused_transition", out _));
        var classification = Assert.Single(_server.ClassificationsFor(key));
        Assert.Equal("json_schema", classification.Body.GetProperty("response_format").GetProperty("type").GetString());
        Assert.False(classification.Body.TryGetProperty("stream", out var stream) && stream.GetBoolean());
        await ModelFrames.AssertConsistentAsync(_gateway, id, frames, turns: 1);
    }

    [Fact]
    public async Task IntentOutsideTheSchemaIsDecidedByTheLocalClassifier()
    {
        var (id, key) = NewCase();
        _server.ScriptIntent(key, """{"intent":"dancing","confidence":0.99}""");
        await using var client = await _gateway.ConnectAsync(id);

        await client.SendMessageAsync("m1", $"How much does it cost per user? {key}");
        var frames = await client.UntilAsync(f => f.IsReply(1), Bound);

        Assert.Single(_server.ClassificationsFor(key));
        Assert.Equal("pricing", frames[^1].Root.GetProperty("intent").GetProperty("name").GetString());
        Assert.NotEqual(0.99, frames[^1].Root.GetProperty("intent").GetProperty("confidence").GetDouble());
        Assert.DoesNotContain(frames, f => f.Type == "error");
    }

    [Fact]
    public async Task AFrustratedUsersFailedFixSendsThePersonaTheToneTheFrustrationAndTheArticleToTheModel()
    {
        var (id, key) = NewCase();
        await using var client = await _gateway.ConnectAsync(id);
        await client.SendMessageAsync("m1", $"hi, my instagram disconnected {key}");
        await client.UntilAsync(f => f.IsReply(1), Bound);

        await client.SendMessageAsync("m2", $"I reconnected it, still no messages. This is RIDICULOUS!! {key}");
        var frames = await client.UntilAsync(f => f.IsReply(2), Bound);

        var metadata = frames[^1].Root.GetProperty("metadata");
        Assert.Equal("openai:test-model", ModelFrames.Responder(frames[^1]));
        Assert.Equal("kb-051", metadata.GetProperty("article_id").GetString());
        var tone = metadata.GetProperty("tone").GetString();
        Assert.True(tone is "apologetic" or "empathetic" or "empathetic_escalation", $"tone {tone}");
        var requests = _server.RequestsFor(key);
        Assert.Equal(2, requests.Count);
        var system = requests[1].Body.GetProperty("messages")[0];
        Assert.Equal("system", system.GetProperty("role").GetString());
        var prompt = system.GetProperty("content").GetString()!;
        Assert.Contains("You answer as technical support", prompt, StringComparison.Ordinal);
        Assert.Contains(tone == "apologetic" ? "Tone: apologetic" : "Tone: empathetic", prompt, StringComparison.Ordinal);
        Assert.Contains("out of 10", prompt, StringComparison.Ordinal);
        Assert.Contains("the previous fix did not work", prompt, StringComparison.Ordinal);
        Assert.Contains("[kb-051]", prompt, StringComparison.Ordinal);
        Assert.Contains("Fixes to try, in order:", prompt, StringComparison.Ordinal);
        var first = requests[0].Body.GetProperty("messages")[0].GetProperty("content").GetString()!;
        Assert.DoesNotContain("did not work", first, StringComparison.Ordinal);
    }

    // The model's deltas came first; then the error, a restart marker that voids them, and the fallback's reply.
    private static void AssertRestartedByFallback(List<Frame> frames, string modelText)
    {
        var error = Assert.Single(frames, f => f.Type == "error");
        Assert.Equal("LLM_PROCESSING_ERROR", error.ErrorCode);
        Assert.True(error.Root.GetProperty("metadata").GetProperty("fallback_available").GetBoolean());
        var beforeError = frames.TakeWhile(f => f != error).Where(f => f.Type == "assistant_delta");
        Assert.Equal(modelText, string.Concat(beforeError.Select(f => f.Delta)));
        var next = frames[frames.IndexOf(error) + 1];
        Assert.True(next.IsSystem("processing"));
        Assert.True(next.Root.GetProperty("metadata").GetProperty("restarted").GetBoolean());
        var reply = frames[^1];
        Assert.Equal("offline-fallback", ModelFrames.Responder(reply));
        Assert.Equal(reply.Content, ModelFrames.KeptReply(frames, 1));
        Assert.DoesNotContain(modelText, reply.Content, StringComparison.Ordinal);
        Assert.Null(reply.Root.GetProperty("metadata").TryGetProperty("usage", out var usage) ? usage.GetRawText() : null);
    }

    private static (string Id, string Key) NewCase()
    {
        var id = $"model-{Guid.NewGuid():N}";
        return (id, $"[case {id}]");
    }
}
