using Conversations.Grains.Interfaces.Model;
using Conversations.IntentEval;

namespace Conversations.Gateway.Tests.EndToEnd;

[Collection(GatewayCollection.Name)]
public sealed class JourneySocketTests(GatewayFixture fixture)
{
    private readonly GatewayHost _gateway = fixture.Host;

    [Fact]
    public async Task TheFirstSalesJourneyPlaysEndToEndOverTheSocketAsTheEngineScoresIt()
    {
        var journey = JourneySet.Load(JourneySet.DefaultPath).Single(j => j.Name == "sales-first-chat");
        await using var client = await _gateway.ConnectAsync($"journey-{Guid.NewGuid():N}");
        var all = new List<Frame>();
        var replies = new List<string>();
        string? lastArticle = null;
        for (var i = 0; i < journey.Turns.Count; i++)
        {
            await client.SendMessageAsync($"m{i + 1}", journey.Turns[i].Text);
            var turn = await client.UntilAsync(f => f.IsReply(i + 1));
            all.AddRange(turn);
            var reply = turn[^1];
            Assert.Equal(journey.Turns[i].State.ToWireName(), reply.Root.GetProperty("state").GetString());
            Assert.Equal(journey.Turns[i].Intent, reply.Root.GetProperty("intent").GetProperty("name").GetString());
            var content = reply.Root.GetProperty("content").GetString()!;
            Assert.InRange(content.Length, 1, 280);
            replies.Add(content);
            lastArticle = reply.Root.GetProperty("metadata").TryGetProperty("article_id", out var article) ? article.GetString() : null;
        }

        FrameAssert.Gapless(all, from: 1);
        Assert.Equal(replies.Count, replies.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("kb-050", lastArticle);
    }
}
