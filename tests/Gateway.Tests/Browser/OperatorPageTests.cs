using Conversations.Gateway.Tests.EndToEnd;
using Microsoft.Playwright;

namespace Conversations.Gateway.Tests.Browser;

// The operator page at /operator/ in a real browser (headless Chromium through Playwright), answering a user
// whose real WebSocket asked for a person.
[Collection(GatewayCollection.Name)]
public sealed class OperatorPageTests(GatewayFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly GatewayHost _gateway = fixture.Host;

    [Fact]
    public async Task AnOperatorTakesAConversationOverFromTheQueueAnswersTheUserLiveAndHandsItBack()
    {
        var id = $"op-page-{Guid.NewGuid():N}";
        await using var user = await _gateway.ConnectAsync(id);
        await user.SendMessageAsync("m1", "This is useless, I want to talk to a real person");
        await user.UntilAsync(f => f.IsReply(1));

        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(_gateway.HttpUri, "/operator").ToString());
        await page.FillAsync("#opName", "Dana");
        var row = page.Locator($"#queue li[data-id='{id}'] button");
        await row.ClickAsync();
        await WaitForAsync(page, "document.getElementById('conn').textContent === 'live'");
        await WaitForTextAsync(page, "#transcript .msg.user .bubble", "This is useless, I want to talk to a real person");

        await page.ClickAsync("#takeBtn");
        var joined = await user.NextAsync();
        Assert.True(joined.IsSystem("handoff"));
        Assert.Equal(("operator_joined", "Dana"), (joined.Root.GetProperty("metadata").GetProperty("event").GetString(), joined.Root.GetProperty("metadata").GetProperty("operator_name").GetString()));

        // The user's next message reaches the page over the conversation's socket while the bot stays silent.
        await user.SendMessageAsync("m2", "Hello? My invoice shows the wrong amount");
        Assert.Equal("ack", (await user.NextAsync()).Type);
        await WaitForTextAsync(page, "#transcript .msg.user .bubble", "Hello? My invoice shows the wrong amount");

        await page.FillAsync("#replyInput", "Hi, Dana here from billing. I'm fixing the invoice now.");
        await page.ClickAsync("#replyBtn");
        var reply = await user.NextAsync();
        Assert.Equal(("assistant_message", "operator", "Dana"), (reply.Type, reply.Root.GetProperty("author").GetString(), reply.Root.GetProperty("author_name").GetString()));
        Assert.Equal("Hi, Dana here from billing. I'm fixing the invoice now.", reply.Root.GetProperty("content").GetString());
        await WaitForTextAsync(page, "#transcript .msg.operator .bubble", "Hi, Dana here from billing. I'm fixing the invoice now.");

        await page.ClickAsync("#handBackBtn");
        var left = await user.NextAsync();
        Assert.Equal("operator_left", left.Root.GetProperty("metadata").GetProperty("event").GetString());
        await WaitForAsync(page, $"!document.querySelector(\"#queue li[data-id='{id}']\")");

        await user.SendMessageAsync("m3", "Does it integrate with Slack?");
        var answered = await user.UntilAsync(f => f.IsReply(3));
        await WaitForTextAsync(page, "#transcript .msg.assistant .bubble", answered[^1].Content!);
        Assert.Equal("The assistant answers this conversation.", await page.TextContentAsync("#holder"));
    }

    private static Task WaitForTextAsync(IPage page, string selector, string text) =>
        WaitForAsync(page, $"Array.from(document.querySelectorAll({System.Text.Json.JsonSerializer.Serialize(selector)})).some(e => e.textContent === {System.Text.Json.JsonSerializer.Serialize(text)})");

    // Waits until a JavaScript condition holds in the page, checking it on every animation frame.
    private static async Task WaitForAsync(IPage page, string condition)
    {
        var handle = await page.WaitForFunctionAsync(condition, options: new() { Timeout = (float)Bound.TotalMilliseconds });
        await handle.DisposeAsync();
    }
}
