using Conversations.Tests.Support.Models;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Conversations.Gateway.Tests.Models;

// Each test runs its own gateway, because each configures the model differently.
[Collection(ModelCollection.Name)]
public sealed class ModelProviderTests(ModelGatewayFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly ModelServer _server = fixture.Server;

    [Fact]
    public async Task AzureDeploymentAnswersThroughTheAzureClient()
    {
        await using var gateway = await GatewayHost.StartAsync(
            "--Responders:Provider", "azure",
            "--Responders:Azure:Endpoint", _server.BaseUri.ToString(),
            "--Responders:Azure:Deployment", "sales-deployment",
            "--Responders:Azure:ApiKey", "azure-key");
        var id = $"azure-{Guid.NewGuid():N}";
        var key = $"[case {id}]";
        _server.Script(key, ModelStep.Reply("From ", "Azure."));
        await using var client = await gateway.ConnectAsync(id);

        await client.SendMessageAsync("m1", $"hello {key}");
        var frames = await client.UntilAsync(f => f.IsReply(1), Bound);

        Assert.Equal("From Azure.", frames[^1].Content);
        Assert.Equal("azure:sales-deployment", ModelFrames.Responder(frames[^1]));
        var request = Assert.Single(_server.RequestsFor(key));
        output.WriteLine($"Azure client called {request.Path}{request.Query}");
        Assert.Equal("azure-key", request.Headers["api-key"]);
        Assert.Contains("sales-deployment", request.Path + request.Body.GetRawText(), StringComparison.Ordinal);
        await ModelFrames.AssertConsistentAsync(gateway, id, frames, turns: 1);
    }

    [Fact]
    public async Task OpenCircuitAnswersFromTheFallbackWithoutCallingTheModel()
    {
        await using var gateway = await ModelGatewayFixture.StartGatewayAsync(
            _server,
            "--Responders:CircuitBreaker:FailureThreshold", "2",
            "--Responders:CircuitBreaker:BreakDuration", "00:10:00");
        var id = $"breaker-{Guid.NewGuid():N}";
        var key = $"[case {id}]";
        _server.Script(key, ModelStep.Error(500), ModelStep.Error(500), ModelStep.Reply("never sent"));
        await using var client = await gateway.ConnectAsync(id);

        var frames = new List<Frame>();
        for (var turn = 1; turn <= 3; turn++)
        {
            await client.SendMessageAsync($"m{turn}", $"hello {key}");
            frames.AddRange(await client.UntilAsync(f => f.IsReply(turn), Bound));
        }

        Assert.Equal(2, _server.RequestsFor(key).Count);
        var errors = frames.Where(f => f.Type == "error").ToList();
        Assert.Equal(3, errors.Count);
        Assert.All(errors, e => Assert.Equal("LLM_PROCESSING_ERROR", e.ErrorCode));
        Assert.All(frames.Where(f => f.Type == "assistant_message"), r => Assert.Equal("offline-fallback", ModelFrames.Responder(r)));
        await ModelFrames.AssertConsistentAsync(gateway, id, frames, turns: 3);
    }

    [Fact]
    public async Task ReplyPastTheWholeReplyDeadlineRestartsFromTheFallback()
    {
        await using var gateway = await ModelGatewayFixture.StartGatewayAsync(_server, "--Responders:ReplyTimeout", "00:00:03");
        var id = $"deadline-{Guid.NewGuid():N}";
        var key = $"[case {id}]";
        _server.Script(key, ModelStep.HangAfter("Slow ", "start "));
        await using var client = await gateway.ConnectAsync(id);

        await client.SendMessageAsync("m1", $"hello {key}");
        var frames = await client.UntilAsync(f => f.IsReply(1), Bound);

        var error = Assert.Single(frames, f => f.Type == "error");
        Assert.Equal("LLM_TIMEOUT", error.ErrorCode);
        Assert.Contains("whole-reply", error.Root.GetProperty("message").GetString(), StringComparison.Ordinal);
        var restart = frames[frames.IndexOf(error) + 1];
        Assert.True(restart.Root.GetProperty("metadata").GetProperty("restarted").GetBoolean());
        Assert.Equal("offline-fallback", ModelFrames.Responder(frames[^1]));
        Assert.Equal(frames[^1].Content, ModelFrames.KeptReply(frames, 1));
        await Assert.Single(_server.RequestsFor(key)).Aborted.WaitAsync(Bound);
        await ModelFrames.AssertConsistentAsync(gateway, id, frames, turns: 1);
    }

    [Fact]
    public async Task MissingModelSettingsStopStartUpNamingTheKeys()
    {
        var failure = await Assert.ThrowsAnyAsync<OptionsValidationException>(
            () => GatewayHost.StartAsync("--Responders:Provider", "openai", "--Responders:OpenAI:BaseUrl", "not a url"));

        Assert.Contains("Responders:OpenAI:BaseUrl must be an absolute http or https address", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Responders:OpenAI:Model is required", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Responders:OpenAI:ApiKey is required", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingAzureSettingsStopStartUpNamingTheKeys()
    {
        var failure = await Assert.ThrowsAnyAsync<OptionsValidationException>(
            () => GatewayHost.StartAsync("--Responders:Provider", "azure", "--Responders:FirstTokenTimeout", "00:01:00", "--Responders:ReplyTimeout", "00:00:30"));

        Assert.Contains("Responders:Azure:Endpoint is required", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Responders:Azure:Deployment is required", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Responders:Azure:ApiKey is required", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Responders:FirstTokenTimeout must be", failure.Message, StringComparison.Ordinal);
    }
}
