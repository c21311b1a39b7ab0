using System.Text.Json.Nodes;
using Conversations.Grains.Domain;
using Conversations.Grains.Hosting;
using Conversations.Grains.Intelligence;
using Conversations.Grains.Interfaces.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Tests.Domain;

public sealed class DomainPackTests
{
    [Theory]
    [MemberData(nameof(ShippedPacks))]
    public void EveryShippedPackLoadsByNameWithAllSevenStatesAndItsInputs(string name)
    {
        var pack = DomainPackReader.Load(name);

        Assert.Equal(name, pack.Name);
        Assert.Equal(DomainPack.CurrentVersion, pack.Version);
        Assert.All(Enum.GetValues<ConversationState>(), state => Assert.NotEmpty(pack.State(state).Goal));
        Assert.All(ReplyNames.All, reply => Assert.NotEmpty(pack.Reply(reply)));
        Assert.All(pack.Inputs, input => Assert.Same(input, pack.Input(input.Name)));
    }

    [Fact]
    public void TheShippedPacksSpeakOfDifferentThings()
    {
        var prompts = DomainPackReader.ShippedNames.Select(n => DomainPackReader.Load(n).State(ConversationState.InterestQualification).Goal);

        Assert.Equal(DomainPackReader.ShippedNames.Count, prompts.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["duration", "attendees", "time"], DomainPackReader.Load("meeting-scheduling").Inputs.Select(i => i.Name));
        Assert.Equal(["use", "body_type", "max_price", "email"], DomainPackReader.Load("vehicle-discovery").Inputs.Select(i => i.Name));
    }

    [Theory]
    [InlineData("states.price_negotiation.goal", "states.price_negotiation.goal is required")]
    [InlineData("replies.quote", "replies.quote is missing")]
    [InlineData("inputs.0.prompt", "inputs[0].prompt is required")]
    public void APackWithoutARequiredFieldIsRefusedNamingTheField(string field, string error)
    {
        var json = Edit(DmSales(), field, null);

        var refused = Assert.Throws<DomainPackException>(() => DomainPackReader.Parse(json, "edited.json"));

        Assert.Contains("edited.json", refused.Message, StringComparison.Ordinal);
        Assert.Contains(error, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("version", "2", "version is 2")]
    [InlineData("personas.billing", "\"accounts\"", "personas.billing is 'accounts', not a persona")]
    [InlineData("inputs.1.kind", "\"number\"", "inputs[1].kind is 'number'")]
    [InlineData("inputs.1.state", "\"closing\"", "inputs[1].state is 'closing', not a state")]
    [InlineData("states.closing_attempt.intents", "{\"purchase\":\"buy\"}", "states.closing_attempt.intents.purchase maps 'purchase' to 'buy'")]
    [InlineData("product.yearly_discount", "1.5", "product.yearly_discount must be between 0 and 1")]
    public void APackWithAWrongValueIsRefusedNamingTheField(string field, string value, string error)
    {
        var json = Edit(DmSales(), field, JsonNode.Parse(value));

        var refused = Assert.Throws<DomainPackException>(() => DomainPackReader.Parse(json, "edited.json"));

        Assert.Contains(error, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownFieldOrBrokenJsonIsRefusedWithWhereItIs()
    {
        var unknown = Edit(DmSales(), "product.colour", JsonValue.Create("blue"));

        Assert.Contains("colour", Assert.Throws<DomainPackException>(() => DomainPackReader.Parse(unknown, "edited.json")).Message, StringComparison.Ordinal);
        Assert.Contains("edited.json: not a valid pack at", Assert.Throws<DomainPackException>(() => DomainPackReader.Parse("{ \"version\": 1, ", "edited.json")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartIsRefusedWithTheKeyAndTheFieldWhenTheDomainIsNotAUsablePack()
    {
        using var folder = new TempFolder();
        var path = folder.Write("broken.json", Edit(DmSales(), "states.initial_contact.replies", null));
        using var services = Engine(path);

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DomainOptions>>().Value);

        Assert.Contains("Conversations:Domain", refused.Message, StringComparison.Ordinal);
        Assert.Contains("states.initial_contact.replies needs at least 2 non-empty variants", refused.Message, StringComparison.Ordinal);
        Assert.Contains("not a usable pack", new DomainOptionsValidator().Validate(null, new DomainOptions { Domain = "no-such-pack" }).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDomainSettingPicksAShippedPackForTheWholeEngine()
    {
        using var services = Engine("meeting-scheduling");

        var planner = services.GetRequiredService<InterruptPlanner>();
        var waiting = planner.For(ConversationState.InterestQualification, ConversationSignals.Initial);

        Assert.Equal("meeting-scheduling", services.GetRequiredService<DomainPackSource>().Current.Name);
        Assert.Equal("duration", waiting?.ExpectedInput);
        Assert.Contains("30 minutes", waiting!.Suggestions);
        Assert.Null(planner.For(ConversationState.PriceNegotiation, ConversationSignals.Initial with { Inputs = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("time", "tomorrow") }));
    }

    public static TheoryData<string> ShippedPacks() => new(DomainPackReader.ShippedNames);

    internal static string DmSales() => File.ReadAllText(DomainPackReader.Resolve("dm-sales"));

    // Sets (or, with null, removes) a field given as a dotted path; numbers index arrays.
    internal static string Edit(string json, string field, JsonNode? value)
    {
        var root = JsonNode.Parse(json)!;
        var parts = field.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            node = int.TryParse(part, out var index) ? node![index] : node![part];
        }

        var last = parts[^1];
        if (node is JsonArray array)
        {
            array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else if (value is null)
        {
            node!.AsObject().Remove(last);
        }
        else
        {
            node![last] = value;
        }

        return root.ToJsonString();
    }

    internal static ServiceProvider Engine(string domain, IConfiguration? configuration = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration ?? new ConfigurationBuilder().AddInMemoryCollection([new("Conversations:Domain", domain)]).Build());
        services.AddLogging();
        services.AddConversationEngine();
        return services.BuildServiceProvider();
    }
}
