using System.Text.Json.Nodes;
using Conversations.Grains.Domain;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Responders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Grains.Tests.Domain;

public sealed class DomainPackReloadTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AnEditedPackFileChangesTheNextReplyAndAnInvalidEditIsRefusedWithTheOldPackKept()
    {
        using var folder = new TempFolder();
        var path = folder.Write("shop.json", DomainPackTests.DmSales());
        using var services = DomainPackTests.Engine(path);
        var source = services.GetRequiredService<DomainPackSource>();
        var responder = services.GetRequiredService<OfflineResponder>();
        var before = responder.Compose(Greeting());
        Assert.Contains("Thanks for reaching out", before, StringComparison.Ordinal);

        var changed = Next<DomainPack>(handler => source.Changed += handler, pack => pack.State(ConversationState.InitialContact).Replies[0].Contains("spring", StringComparison.Ordinal));
        File.WriteAllText(path, DomainPackTests.Edit(DomainPackTests.DmSales(), "states.initial_contact.replies", new JsonArray("Welcome to the spring sale{name}! What are you looking for?", "Hello{name}, the spring sale is on. What are you looking for?")));
        await changed.WaitAsync(Bound);

        var after = responder.Compose(Greeting());
        Assert.Contains("spring sale", after, StringComparison.Ordinal);

        var refused = Next<string>(handler => source.Refused += handler, error => error.Contains("personas.billing", StringComparison.Ordinal));
        File.WriteAllText(path, DomainPackTests.Edit(DomainPackTests.DmSales(), "personas.billing", JsonValue.Create("accounts")));
        var error = await refused.WaitAsync(Bound);

        Assert.Contains("personas.billing", error, StringComparison.Ordinal);
        Assert.Equal(after, responder.Compose(Greeting()));
        Assert.Contains("spring sale", source.Current.State(ConversationState.InitialContact).Replies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangingTheDomainSettingSwitchesToAnotherPackAndAnUnusableOneIsRefused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Conversations:Domain", "dm-sales")]).Build();
        using var services = DomainPackTests.Engine("dm-sales", configuration);
        var source = services.GetRequiredService<DomainPackSource>();
        var responder = services.GetRequiredService<OfflineResponder>();

        var changed = Next<DomainPack>(handler => source.Changed += handler);
        configuration["Conversations:Domain"] = "vehicle-discovery";
        configuration.Reload();
        Assert.Equal("vehicle-discovery", (await changed.WaitAsync(Bound)).Name);
        Assert.Contains("Northgate Motors", responder.Compose(Greeting()), StringComparison.Ordinal);

        var refused = Next<string>(handler => source.Refused += handler);
        configuration["Conversations:Domain"] = "/no/such/pack.json";
        configuration.Reload();
        await refused.WaitAsync(Bound);
        Assert.Equal("vehicle-discovery", source.Current.Name);
    }

    private static ReplyContext Greeting() =>
        new("c1", 1, "hello", null, new Intent(IntentNames.Greeting, 0.9), ConversationState.InitialContact, ConversationState.InitialContact, [], string.Empty, 280);

    // The first value the event raises after this call (that matches). A file written in place may be seen half
    // written first, and refused: the tests wait for the outcome of the whole write.
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
