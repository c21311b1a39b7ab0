using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Conversations.Gateway.Tests.Browser;

// The chat page at / in a real browser (headless Chromium driven by Playwright), talking to a gateway through a relay whose
// network the test cuts in the middle of a streamed reply.
public sealed class ChatPageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // What the page shows: every message bubble in order, with the reply text only (no typing dots).
    private const string Transcript = """
        Array.from(document.querySelectorAll('#transcript .msg')).map(m => ({
          kind: m.classList.contains('user') ? 'user' : 'assistant',
          text: Array.from(m.querySelector('.bubble').childNodes).filter(n => n.nodeType === 3).map(n => n.data).join(''),
          streaming: !!m.querySelector('.bubble .dots'),
        }))
        """;

    // Records every text the assistant bubbles show, as the page changes them, and every connection state.
    private const string Recorder = """
        (() => {
          window.__seen = [];
          window.__states = [];
          const record = () => {
            document.querySelectorAll('#transcript .msg.assistant .bubble').forEach((b, i) => {
              const text = Array.from(b.childNodes).filter(n => n.nodeType === 3).map(n => n.data).join('');
              const last = window.__seen.filter(s => s.index === i).pop();
              if (!last || last.text !== text) window.__seen.push({ index: i, text });
            });
            const state = document.getElementById('conn').dataset.state;
            if (window.__states[window.__states.length - 1] !== state) window.__states.push(state);
          };
          new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
          record();
          return true;
        })()
        """;

    [Fact]
    public async Task ThePageStreamsAReplyAndAfterTheNetworkIsCutReconnectsShowingEveryMessageOnce()
    {
        var clock = Stopwatch.StartNew();

        // A slow responder (100 ms a piece) so that the cut lands while the reply is streaming.
        await using var gateway = await GatewayHost.StartAsync("--Responders:Offline:ChunkDelay", "00:00:00.100");
        await using var proxy = new TcpProxy(gateway.HttpUri.Port);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"http://127.0.0.1:{proxy.Port}/");
        await WaitForAsync(page, "document.getElementById('conn').dataset.state === 'connected'");
        await page.EvaluateAsync(Recorder);
        var conversationId = await page.EvaluateAsync<string>("document.getElementById('convId').value");

        await SendFromThePageAsync(page, "Hi, we are looking for a CRM for our sales team");
        await WaitForAsync(page, "(() => { const b = document.querySelector('#transcript .msg.assistant .bubble'); return b && b.querySelector('.dots') && b.firstChild && b.firstChild.nodeType === 3 && b.firstChild.data.length > 0; })()");
        var shownAtCut = (await page.EvaluateAsync<JsonElement>(Transcript))[1].GetProperty("text").GetString()!;

        proxy.Cut();
        await WaitForAsync(page, "document.getElementById('conn').dataset.state === 'reconnecting'");

        // The page retries by itself; let it be refused twice before the network comes back.
        await Eventually.GetAsync(() => Task.FromResult(proxy.Refused), refused => refused >= 2, Bound);
        var relayedBeforeRestore = proxy.Accepted;
        proxy.Restore();
        await WaitForAsync(page, "document.getElementById('conn').dataset.state === 'connected' && document.querySelectorAll('#transcript .msg.assistant .dots').length === 0");

        await SendFromThePageAsync(page, "How much does it cost for ten users?");
        await WaitForAsync(page, "document.querySelectorAll('#transcript .msg.assistant').length === 2 && document.querySelectorAll('#transcript .msg.assistant .dots').length === 0");

        var shown = (await page.EvaluateAsync<JsonElement>(Transcript)).EnumerateArray().ToList();
        var seen = (await page.EvaluateAsync<JsonElement>("window.__seen")).EnumerateArray()
            .Select(s => (Index: s.GetProperty("index").GetInt32(), Text: s.GetProperty("text").GetString()!)).ToList();
        var states = (await page.EvaluateAsync<JsonElement>("window.__states")).EnumerateArray().Select(s => s.GetString()).ToList();
        var pageSeq = long.Parse(await page.EvaluateAsync<string>("document.getElementById('seqText').textContent"), System.Globalization.CultureInfo.InvariantCulture);
        var log = await ReadLogAsync(gateway, conversationId);
        var replies = log.Where(f => f.Type == "assistant_message").Select(f => f.Content!).ToList();
        output.WriteLine($"conversation {conversationId}: cut after '{shownAtCut}', refused {proxy.Refused} connections, relayed {proxy.Accepted}, states {string.Join(" > ", states)}, took {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(2, replies.Count);
        Assert.Equal(["user", "assistant", "user", "assistant"], shown.Select(m => m.GetProperty("kind").GetString()));
        Assert.Equal("Hi, we are looking for a CRM for our sales team", shown[0].GetProperty("text").GetString());
        Assert.Equal("How much does it cost for ten users?", shown[2].GetProperty("text").GetString());
        Assert.Equal(replies[0], shown[1].GetProperty("text").GetString());
        Assert.Equal(replies[1], shown[3].GetProperty("text").GetString());
        Assert.Equal(log[^1].Seq, pageSeq);

        // The cut came mid-reply, and the reply grew through partial texts, each a prefix of the whole
        // (a frame applied twice or skipped across the reconnect would break that).
        Assert.True(shownAtCut.Length > 0 && shownAtCut.Length < replies[0].Length, $"cut at '{shownAtCut}' of '{replies[0]}'");
        var firstReply = seen.Where(s => s.Index == 0 && s.Text.Length > 0).Select(s => s.Text).ToList();
        Assert.Contains(firstReply, text => text.Length < replies[0].Length);
        Assert.All(firstReply, text => Assert.StartsWith(text, replies[0], StringComparison.Ordinal));
        Assert.All(seen.Where(s => s.Index == 1 && s.Text.Length > 0), s => Assert.StartsWith(s.Text, replies[1], StringComparison.Ordinal));
        Assert.True(proxy.Accepted > relayedBeforeRestore, "the page did not reconnect through the relay");
        Assert.Contains("reconnecting", states);
        Assert.Equal("connected", states[^1]);
    }

    [Fact]
    public async Task WhereTokensAreRequiredThePageOpensItsSocketWithATicketForTheTokenFromItsFragment()
    {
        // With tokens refused in URLs, the page can only connect by way of a ticket.
        await using var gateway = await GatewayHost.StartAsync("--Auth:Enabled", "true", "--Auth:SigningKey", TestTokens.SigningKey, "--Auth:AllowQueryToken", "false");
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(gateway.HttpUri, $"/#access_token={TestTokens.Issue("page-user")}").ToString());
        await WaitForAsync(page, "document.getElementById('conn').dataset.state === 'connected'");
        await SendFromThePageAsync(page, "hello");
        await WaitForAsync(page, "document.querySelectorAll('#transcript .msg.assistant').length === 1 && document.querySelectorAll('#transcript .msg.assistant .dots').length === 0");
        var conversationId = await page.EvaluateAsync<string>("document.getElementById('convId').value");

        var owner = await gateway.App.Services.GetRequiredService<IGrainFactory>().GetGrain<Grains.Interfaces.IConversationGrain>(conversationId).GetDetailsAsync();
        Assert.Equal("page-user", owner.UserId);
        Assert.Equal(1, owner.Snapshot.TurnCount);
    }

    private static async Task SendFromThePageAsync(IPage page, string text)
    {
        await page.FocusAsync("#input");
        await page.Keyboard.InsertTextAsync(text);
        await WaitForAsync(page, "!document.getElementById('sendBtn').disabled");
        await page.EvaluateAsync("document.getElementById('sendBtn').click()");
    }

    // Waits until a JavaScript condition holds in the page, checking it on every animation frame.
    private static async Task WaitForAsync(IPage page, string condition)
    {
        var handle = await page.WaitForFunctionAsync(condition, options: new() { Timeout = (float)Bound.TotalMilliseconds });
        await handle.DisposeAsync();
    }

    // The conversation's log as a fresh client replays it from the start.
    private static async Task<List<Frame>> ReadLogAsync(GatewayHost gateway, string conversationId)
    {
        await using var client = await gateway.ConnectAsync(conversationId, lastSeq: 0);
        var frames = await client.UntilAsync(f => f.IsReply(2));
        var log = frames.Where(f => f.Seq is not null).ToList();
        FrameAssert.Gapless(log, from: 1);
        return log;
    }
}
