using System.Text.Json.Nodes;
using Conversations.Grains.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Gateway.Tests.EndToEnd;

public sealed class DomainPackSocketTests
{
    [Fact]
    public async Task AGatewayWithTheMeetingPackAsksForTheLengthWithSuggestionsThenForTheAttendees()
    {
        await using var gateway = await GatewayHost.StartAsync("--Conversations:Domain", "meeting-scheduling");
        await using var client = await gateway.ConnectAsync($"meeting-{Guid.NewGuid():N}");

        await client.SendMessageAsync("m1", "Hi, I need to set up a meeting");
        var first = await client.UntilAsync(f => f.IsReply(1));
        await client.SendMessageAsync("m2", "30 minutes");
        var second = await client.UntilAsync(f => f.IsReply(2));

        var waiting = Assert.Single(first, f => f.IsSystem("waiting_for_input")).Root.GetProperty("metadata");
        Assert.Equal("duration", waiting.GetProperty("expected_input").GetString());
        Assert.Equal("set_duration", waiting.GetProperty("next_step").GetString());
        Assert.Contains("30 minutes", waiting.GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("interest_qualification", first[^1].Root.GetProperty("state").GetString());
        Assert.Contains("How long", first[^1].Content, StringComparison.Ordinal);

        Assert.Equal("attendees", Assert.Single(second, f => f.IsSystem("waiting_for_input")).Root.GetProperty("metadata").GetProperty("expected_input").GetString());
        Assert.Equal("value_proposition", second[^1].Root.GetProperty("state").GetString());
        Assert.Contains("30 minutes", second[^1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditingThePackFileUnderARunningGatewayChangesTheNextReplyAndABrokenEditIsRefused()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"packs-{Guid.NewGuid():N}")).FullName;
        try
        {
            var shipped = File.ReadAllText(DomainPackReader.Resolve("dm-sales"));
            var path = Path.Combine(folder, "shop.json");
            File.WriteAllText(path, shipped);
            await using var gateway = await GatewayHost.StartAsync("--Conversations:Domain", path);
            var source = gateway.App.Services.GetRequiredService<DomainPackSource>();
            await using var client = await gateway.ConnectAsync($"reload-{Guid.NewGuid():N}");

            await client.SendMessageAsync("m1", "how much is it?");
            var before = (await client.UntilAsync(f => f.IsReply(1)))[^1].Content!;
            Assert.Contains("$29", before, StringComparison.Ordinal);

            var changed = Next<DomainPack>(handler => source.Changed += handler, pack => pack.State(Grains.Interfaces.Model.ConversationState.PriceNegotiation).Replies[0].Contains("$35", StringComparison.Ordinal));
            File.WriteAllText(path, WithPriceReplies(shipped, "Our Team plan is $35 per user per month this year{name}. How many seats?", "It's $35 per user per month on the Team plan{name}. How many people would use it?"));
            await changed.WaitAsync(TimeSpan.FromSeconds(30));

            await client.SendMessageAsync("m2", "how much is it?");
            var after = (await client.UntilAsync(f => f.IsReply(2)))[^1].Content!;
            Assert.Contains("$35", after, StringComparison.Ordinal);

            var refused = Next<string>(handler => source.Refused += handler, error => error.Contains("not a valid pack", StringComparison.Ordinal));
            File.WriteAllText(path, "{ \"version\": 1, \"name\": ");
            await refused.WaitAsync(TimeSpan.FromSeconds(30));

            await client.SendMessageAsync("m3", "how much is it?");
            var kept = (await client.UntilAsync(f => f.IsReply(3)))[^1].Content!;
            Assert.Contains("$35", kept, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string WithPriceReplies(string json, params string[] replies)
    {
        var root = JsonNode.Parse(json)!;
        root["states"]!["price_negotiation"]!["replies"] = new JsonArray([.. replies.Select(r => JsonValue.Create(r))]);
        return root.ToJsonString();
    }

    private static Task<T> Next<T>(Action<Action<T>> subscribe, Func<T, bool>? matching = null)
    {
        var next = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscribe(value =>
        {
            if (matching?.Invoke(value) ?? true)
            {
                next.TrySetResult(value);
            }
        });
        return next.Task;
    }
}
