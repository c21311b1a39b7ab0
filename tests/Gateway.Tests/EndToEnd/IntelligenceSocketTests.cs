using System.Text.Json;
using Conversations.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Gateway.Tests.EndToEnd;

[Collection(GatewayCollection.Name)]
public sealed class IntelligenceSocketTests(GatewayFixture fixture)
{
    private readonly GatewayHost _gateway = fixture.Host;

    [Fact]
    public async Task ASalesConversationWalksFromInitialContactToPostPurchase()
    {
        await using var client = await _gateway.ConnectAsync(NewId(), query: "user_name=Ana");
        (string Text, string State)[] script =
        [
            ("Hi, we are looking for a CRM for our sales team", "interest_qualification"),
            ("Does it integrate with Slack?", "value_proposition"),
            ("How much does it cost?", "price_negotiation"),
            ("We are 12 people", "price_negotiation"),
            ("Sounds good, let's do it", "closing_attempt"),
            ("ana@acme.io", "post_purchase"),
        ];
        var all = new List<Frame>();
        var conversion = new List<double>();
        for (var i = 0; i < script.Length; i++)
        {
            await client.SendMessageAsync($"m{i + 1}", script[i].Text);
            var turn = await client.UntilAsync(f => f.IsReply(i + 1));
            all.AddRange(turn);
            var reply = turn[^1];
            Assert.Equal(script[i].State, reply.Root.GetProperty("state").GetString());
            conversion.Add(reply.Root.GetProperty("metadata").GetProperty("conversion_probability").GetDouble());
        }

        FrameAssert.Gapless(all, from: 1);
        Assert.Equal(conversion.Order(), conversion);
        Assert.Equal(1, conversion[^1]);

        // Pricing without a team size asks for one, after state_changed and before assistant_message.
        var pricing = all.Where(f => f.Turn == 3).ToList();
        Assert.Equal(["state_changed", "waiting_for_input"], pricing.Where(f => f.Type == "system" && f.Content is "state_changed" or "waiting_for_input").Select(f => f.Content));
        var waiting = pricing.Single(f => f.IsSystem("waiting_for_input"));
        Assert.Equal(pricing.IndexOf(waiting) + 1, pricing.FindIndex(f => f.Type == "assistant_message"));
        Assert.Equal("team_size", waiting.Root.GetProperty("metadata").GetProperty("expected_input").GetString());
        Assert.True(waiting.Root.GetProperty("metadata").GetProperty("suggestions").GetArrayLength() > 0);
        Assert.DoesNotContain(all, f => f.Turn == 4 && f.IsSystem("waiting_for_input"));
        Assert.Contains("12 people", all.Single(f => f.IsReply(4)).Content, StringComparison.Ordinal);
        Assert.Equal("email", all.Single(f => f.Turn == 5 && f.IsSystem("waiting_for_input")).Root.GetProperty("metadata").GetProperty("expected_input").GetString());
        Assert.Equal("sales", all[^1].Root.GetProperty("metadata").GetProperty("persona").GetString());
    }

    [Fact]
    public async Task AnInterruptAnsweredBadlyIsAskedAgainAndAnsweredWellAfterAReconnect()
    {
        var id = NewId();
        long lastSeq;
        await using (var first = await _gateway.ConnectAsync(id))
        {
            string[] toClosing = ["Hi, we need a CRM", "Tell me more about reporting", "What are your prices?", "about 20 of us", "OK, I'd like to buy it"];
            for (var i = 0; i < toClosing.Length; i++)
            {
                await first.SendMessageAsync($"m{i + 1}", toClosing[i]);
                await first.UntilAsync(f => f.IsReply(i + 1));
            }

            await first.SendMessageAsync("m6", "ana at acme dot com");
            var bad = await first.UntilAsync(f => f.IsReply(6));
            Assert.Equal("closing_attempt", bad[^1].Root.GetProperty("state").GetString());
            var reask = Assert.Single(bad, f => f.IsSystem("waiting_for_input"));
            Assert.Equal("email", reask.Root.GetProperty("metadata").GetProperty("expected_input").GetString());
            Assert.Contains("e-mail address", bad[^1].Content, StringComparison.Ordinal);
            lastSeq = first.LastSeq;
        }

        await using var second = await _gateway.ConnectAsync(id, lastSeq: lastSeq);
        Assert.True((await second.NextAsync()).IsSystem("conversation_resumed"));
        await second.SendMessageAsync("m7", "Sure, it's ana@acme.io");
        var good = await second.UntilAsync(f => f.IsReply(7));

        Assert.Equal("post_purchase", good[^1].Root.GetProperty("state").GetString());
        Assert.DoesNotContain(good, f => f.IsSystem("waiting_for_input"));
        FrameAssert.Gapless(good, from: lastSeq + 1);
        var snapshot = await Grain(id).GetSnapshotAsync();
        Assert.Null(snapshot.WaitingForInput);
    }

    [Fact]
    public async Task AskingForAPersonHandsOffAndTheBotIsSilentUntilHandedBack()
    {
        var id = NewId();
        await using var client = await _gateway.ConnectAsync(id);
        await client.SendMessageAsync("m1", "This is useless, I want to talk to a real person");
        var turn = await client.UntilAsync(f => f.IsReply(1));

        var handoff = Assert.Single(turn, f => f.IsSystem("handoff"));
        Assert.Equal(turn.Count - 2, turn.IndexOf(handoff));
        var metadata = handoff.Root.GetProperty("metadata");
        Assert.Equal("user_requested", metadata.GetProperty("reason").GetString());
        Assert.Equal(1, metadata.GetProperty("likelihood").GetDouble());
        Assert.Contains(metadata.GetProperty("factors").EnumerateArray(), f => f.GetProperty("name").GetString() == "asked_for_human");
        var replyMetadata = turn[^1].Root.GetProperty("metadata");
        Assert.True(replyMetadata.GetProperty("handed_off").GetBoolean());
        Assert.Equal("empathetic_escalation", replyMetadata.GetProperty("tone").GetString());

        await client.SendMessageAsync("m2", "hello?? is anyone there");
        var ack = await client.NextAsync();
        Assert.Equal(("ack", 2), (ack.Type, ack.Turn));
        Assert.True((await Grain(id).GetSnapshotAsync()).HandedOff);

        Assert.True(await Grain(id).HandBackAsync());
        await client.SendMessageAsync("m3", "Does it integrate with Slack?");
        var after = await client.UntilAsync(f => f.IsReply(3));

        Assert.All(after, f => Assert.Equal(3, f.Turn));
        Assert.Equal("ack", after[0].Type);
        FrameAssert.Gapless(turn.Append(ack).Concat(after), from: 1);
        Assert.False(after[^1].Root.GetProperty("metadata").TryGetProperty("handed_off", out _));
    }

    [Fact]
    public async Task RepeatedFailedFixesRaiseFrustrationAndToneUntilTheConversationIsHandedOff()
    {
        await using var client = await _gateway.ConnectAsync(NewId());
        string[] messages = ["The app crashes when I open a report", "I tried that and it still didn't work", "STILL NOT WORKING!!!", "this is ridiculous, same problem again!!!"];
        var replies = new List<JsonElement>();
        var handedOffAt = 0;
        for (var i = 0; i < messages.Length; i++)
        {
            await client.SendMessageAsync($"m{i + 1}", messages[i]);
            var turn = await client.UntilAsync(f => f.IsReply(i + 1));
            replies.Add(turn[^1].Root.GetProperty("metadata"));
            if (turn.Any(f => f.IsSystem("handoff")))
            {
                handedOffAt = i + 1;
                break;
            }
        }

        var frustration = replies.Select(m => m.GetProperty("frustration").GetInt32()).ToList();
        Assert.Equal(frustration.Order(), frustration);
        Assert.Equal("tech_support", replies[0].GetProperty("persona").GetString());
        Assert.Equal("helpful", replies[0].GetProperty("tone").GetString());
        Assert.Equal("empathetic_escalation", replies[^1].GetProperty("tone").GetString());
        Assert.Equal(4, handedOffAt);
    }

    private IConversationGrain Grain(string id) =>
        _gateway.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IConversationGrain>(id);

    private static string NewId() => $"intel-{Guid.NewGuid():N}";
}
