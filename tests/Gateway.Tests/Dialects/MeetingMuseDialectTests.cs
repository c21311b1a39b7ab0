using System.Text.Json;
using Conversations.Gateway.Dialects.MeetingMuse;
using Conversations.Gateway.Hosting;
using Conversations.Gateway.Tests.EndToEnd;
using Conversations.Grains.Interfaces;
using Conversations.Grains.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conversations.Gateway.Tests.Dialects;

/// <summary>The MeetingMuse client, unchanged, on <c>/ws/{client_id}</c>: its documented frames in and out.</summary>
[Collection(GatewayCollection.Name)]
public sealed class MeetingMuseDialectTests(GatewayFixture fixture)
{
    private const string ExampleFrame = """{"type":"user_message","content":"I want to schedule a meeting for tomorrow","timestamp":"2025-01-28T10:30:00Z","session_id":"client-123"}""";
    private readonly GatewayHost _gateway = fixture.Host;

    [Fact]
    public async Task TheDocumentedUserMessageGetsProcessingNoticesAndAResponseWithoutType()
    {
        await using var client = await ConnectAsync("client-123");
        await client.SendAsync(ExampleFrame);
        var frames = await client.UntilAsync(IsResponse);

        var processing = frames[0];
        Assert.Equal(["type", "content", "timestamp"], processing.Names());
        Assert.True(processing.IsSystem("processing"));
        var step = frames.First(f => f.IsSystem("processing_step"));
        Assert.Equal(["type", "content", "timestamp", "metadata"], step.Names());
        Assert.Equal(["step", "progress"], step.GetProperty("metadata").Names());
        Assert.Equal("intent_classification", step.GetProperty("metadata").Text("step"));
        var response = frames[^1];
        Assert.Equal(["content", "timestamp", "session_id"], response.Names());
        Assert.Equal("client-123", response.Text("session_id"));
        Assert.False(string.IsNullOrWhiteSpace(response.Text("content")));
        Assert.True(DateTime.TryParse(response.Text("timestamp"), System.Globalization.CultureInfo.InvariantCulture, out _));

        // Acks, deltas and state changes have no MeetingMuse frame; nothing carries our log's fields.
        Assert.All(frames, f => Assert.False(f.Has("seq") || f.Has("conversation_id")));
        Assert.All(frames[..^1], f => Assert.Equal("system", f.Text("type")));
    }

    [Fact]
    public async Task TheSameFrameSentTwiceMakesOneTurn()
    {
        var id = NewId();
        await using var client = await ConnectAsync(id);
        var frame = $$"""{"type":"user_message","content":"Book a call with Dana on Friday","timestamp":"2025-01-28T10:30:00Z","session_id":"{{id}}"}""";
        await client.SendAsync(frame);
        await client.UntilAsync(IsResponse);
        await client.SendAsync(frame);
        await client.SendAsync("""{"type":"ping"}""");
        var afterResend = await client.UntilAsync(f => f.Text("type") == "pong");

        Assert.DoesNotContain(afterResend, IsResponse);
        var snapshot = await Grain(id).GetSnapshotAsync();
        Assert.Equal(1, snapshot.TurnCount);
    }

    [Fact]
    public async Task TheSameWordsAtAnotherTimestampAreASecondTurn()
    {
        var id = NewId();
        await using var client = await ConnectAsync(id);
        await client.SendAsync($$"""{"type":"user_message","content":"yes","timestamp":"2025-01-28T10:30:00Z","session_id":"{{id}}"}""");
        await client.UntilAsync(IsResponse);
        await client.SendAsync($$"""{"type":"user_message","content":"yes","timestamp":"2025-01-28T10:31:00Z","session_id":"{{id}}"}""");
        await client.UntilAsync(IsResponse);

        Assert.Equal(2, (await Grain(id).GetSnapshotAsync()).TurnCount);
    }

    [Theory]
    [InlineData("this is not json", null)]
    [InlineData("""{"type":"user_message","timestamp":"2025-01-28T10:30:00Z","session_id":"x"}""", "content")]
    [InlineData("""{"content":"hello","timestamp":"2025-01-28T10:30:00Z"}""", "type")]
    [InlineData("""{"type":"user_message","content":"   "}""", "content")]
    [InlineData("""[1,2,3]""", null)]
    public async Task BadFramesGetItsErrorShapeStoreNothingAndLeaveTheSocketOpen(string bad, string? field)
    {
        var id = NewId();
        await using var client = await ConnectAsync(id);
        await client.SendAsync(bad);
        var error = await client.NextAsync();

        Assert.Equal(["type", "error_code", "message", "timestamp", "retry_suggested", "metadata"], error.Names());
        Assert.Equal("error", error.Text("type"));
        Assert.Equal(MeetingMuseDialect.InvalidMessageFormat, error.Text("error_code"));
        Assert.False(string.IsNullOrWhiteSpace(error.Text("message")));
        if (field is not null)
        {
            Assert.Contains(field, error.Text("message"), StringComparison.Ordinal);
        }

        Assert.Equal(JsonValueKind.False, error.GetProperty("retry_suggested").ValueKind);
        var metadata = error.GetProperty("metadata");
        Assert.Equal(["conversation_preserved", "fallback_available"], metadata.Names());
        Assert.True(metadata.GetProperty("conversation_preserved").GetBoolean());
        Assert.Equal(0, (await Grain(id).GetSnapshotAsync()).TurnCount);

        // The socket stays open and the next good frame is answered.
        await client.SendAsync($$"""{"type":"user_message","content":"Hello","timestamp":"2025-01-28T10:30:00Z","session_id":"{{id}}"}""");
        await client.UntilAsync(IsResponse);
    }

    [Fact]
    public async Task ReconnectingToAConversationWithTurnsStartsWithConversationResumedAndNoRepeats()
    {
        var id = NewId();
        await using (var first = await ConnectAsync(id))
        {
            await first.SendAsync($$"""{"type":"user_message","content":"Schedule a meeting with the sales team","timestamp":"2025-01-28T10:30:00Z","session_id":"{{id}}"}""");
            await first.UntilAsync(IsResponse);
        }

        await using var again = await ConnectAsync(id);
        var resumed = await again.NextAsync();
        await again.SendAsync("""{"type":"ping"}""");
        var next = await again.NextAsync();

        Assert.Equal(["type", "content", "timestamp", "metadata"], resumed.Names());
        Assert.True(resumed.IsSystem("conversation_resumed"));
        var metadata = resumed.GetProperty("metadata");
        Assert.Equal(["conversation_summary", "message_count", "pending_actions"], metadata.Names());
        Assert.False(string.IsNullOrWhiteSpace(metadata.Text("conversation_summary")));
        Assert.Equal(2, metadata.GetProperty("message_count").GetInt32());
        Assert.Equal(JsonValueKind.Array, metadata.GetProperty("pending_actions").ValueKind);
        Assert.Equal("pong", next.Text("type"));
    }

    [Fact]
    public async Task WaitingForInputCarriesPromptNextStepExpectedInputAndSuggestions()
    {
        var id = NewId();
        await using var client = await ConnectAsync(id);
        await client.SendAsync($$"""{"type":"user_message","content":"How much is it?","timestamp":"2025-01-28T10:30:00Z","session_id":"{{id}}"}""");
        var frames = await client.UntilAsync(IsResponse);

        var waiting = Assert.Single(frames, f => f.IsSystem("waiting_for_input"));
        Assert.Equal(["type", "content", "timestamp", "metadata"], waiting.Names());
        var metadata = waiting.GetProperty("metadata");
        Assert.Equal(["prompt", "next_step", "expected_input", "suggestions"], metadata.Names());
        Assert.True(metadata.GetProperty("suggestions").GetArrayLength() > 0);

        await using var again = await ConnectAsync(id);
        var resumed = await again.NextAsync();
        Assert.Equal(metadata.Text("next_step"), resumed.GetProperty("metadata").GetProperty("pending_actions")[0].GetString());
    }

    [Fact]
    public void AFailedTurnIsShownAsItsErrorWithConversationPreservedAndFallback()
    {
        var dialect = new MeetingMuseDialect(new FixedOptionsMonitor<GatewayOptions>(new GatewayOptions()), Options.Create(new MeetingMuseOptions()));
        var logged = """{"type":"error","timestamp":"2025-01-28T10:30:02Z","conversation_id":"c1","seq":9,"error_code":"LLM_PROCESSING_ERROR","message":"I'm having trouble processing your request. Please try again.","retry_suggested":true,"turn":2,"metadata":{"conversation_preserved":true,"fallback_available":true}}"""u8.ToArray();

        using var shown = JsonDocument.Parse(dialect.Log(logged)!);
        var error = shown.RootElement;

        Assert.Equal(["type", "error_code", "message", "timestamp", "retry_suggested", "metadata"], error.Names());
        Assert.Equal("LLM_PROCESSING_ERROR", error.Text("error_code"));
        Assert.Equal("2025-01-28T10:30:02Z", error.Text("timestamp"));
        Assert.True(error.GetProperty("retry_suggested").GetBoolean());
        Assert.True(error.GetProperty("metadata").GetProperty("conversation_preserved").GetBoolean());
        Assert.True(error.GetProperty("metadata").GetProperty("fallback_available").GetBoolean());
    }

    [Fact]
    public async Task WithStreamingEnabledPiecesOfTheReplyComeFirstAndAddUpToIt()
    {
        await using var gateway = await GatewayHost.StartAsync("--STREAMING_ENABLED", "true", "--LLM_TIMEOUT_SECONDS", "45");
        await using var client = await DialectClient.ConnectAsync(gateway.WebSocketUri, "/ws/streaming-1");
        await client.SendAsync("""{"type":"user_message","content":"Hi, we are looking for a CRM for our sales team","timestamp":"2025-01-28T10:30:00Z","session_id":"streaming-1"}""");
        var frames = await client.UntilAsync(IsResponse);

        var pieces = frames.Where(f => f.Text("type") == MeetingMuseDialect.PartialResponse).ToList();
        Assert.True(pieces.Count >= 2, $"expected several pieces, got {pieces.Count}");
        Assert.All(pieces, p => Assert.Equal(["type", "content", "timestamp", "session_id"], p.Names()));
        Assert.Equal(frames[^1].Text("content"), string.Concat(pieces.Select(p => p.Text("content"))));
        Assert.Equal(TimeSpan.FromSeconds(45), gateway.App.Services.GetRequiredService<IOptions<Grains.Responders.Models.ModelOptions>>().Value.ReplyTimeout);
    }

    private static bool IsResponse(JsonElement frame) => !frame.Has("type");

    private static string NewId() => $"mm-{Guid.NewGuid():N}";

    private Task<DialectClient> ConnectAsync(string clientId) => DialectClient.ConnectAsync(_gateway.WebSocketUri, $"/ws/{clientId}");

    private IConversationGrain Grain(string id) => _gateway.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IConversationGrain>(id);
}
