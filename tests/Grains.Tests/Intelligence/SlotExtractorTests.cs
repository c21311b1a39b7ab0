using Conversations.Grains.Intelligence;

namespace Conversations.Grains.Tests.Intelligence;

public sealed class SlotExtractorTests
{
    private readonly SlotExtractor _slots = new();

    [Theory]
    [InlineData("we're a team of 6", 6)]
    [InlineData("about 12 people answer messages", 12)]
    [InlineData("we r 2 ppl", 2)]
    [InlineData("just me and my sister", 2)]
    [InlineData("just me and 2 stylists", 3)]
    [InlineData("There are eight of us on the front desks", 8)]
    [InlineData("it's just 3 of us", 3)]
    public void ATeamSizeMentionedInPassingIsKept(string text, int size) =>
        Assert.Equal(size, _slots.Extract(text, ConversationSignals.Initial).TeamSize);

    [Fact]
    public void TheFirstNeedNamedIsKeptAndNotOverwritten()
    {
        var signals = _slots.Extract("our instagram inbox is a mess", ConversationSignals.Initial);
        Assert.Equal("Instagram DMs", signals.Need);
        Assert.Equal("Instagram DMs", _slots.Extract("and whatsapp too", signals).Need);
    }

    [Fact]
    public void ABudgetIsKept() =>
        Assert.Equal("under $100 a month", _slots.Extract("we need it under $100 a month", ConversationSignals.Initial).Budget);

    [Fact]
    public void AMessageWithoutSlotsLeavesWhatIsKnown()
    {
        var known = ConversationSignals.Initial with { TeamSize = 4, Need = "WhatsApp", Budget = "$50" };
        Assert.Equal(known, _slots.Extract("sounds good", known));
    }
}
