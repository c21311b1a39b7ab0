using Conversations.Grains.Interfaces.Model;
using Conversations.IntentEval;

namespace Conversations.Grains.Tests.Intelligence;

public sealed class JourneyTests
{
    private static readonly Lazy<Task<IReadOnlyList<IReadOnlyList<JourneyTurnResult>>>> Played = new(PlayAllAsync);

    [Fact]
    public void ThereAreAtLeastFortyJourneys() =>
        Assert.True(JourneySet.Load(JourneySet.DefaultPath).Count >= 40);

    [Fact]
    public async Task AtLeastNinetyPercentOfJourneyTurnsEndInTheExpectedState()
    {
        var score = JourneyScore.Of(await Played.Value);
        Assert.True(score.StateAccuracy >= 0.90, score.Format("model") + Misses(await Played.Value));
    }

    [Fact]
    public async Task EverySevenStatesIsReachedByNaturalWording()
    {
        var score = JourneyScore.Of(await Played.Value);
        Assert.Equal(Enum.GetValues<ConversationState>().ToHashSet(), score.StatesReached.ToHashSet());
    }

    [Fact]
    public async Task NoReplyRepeatsThePreviousOneWordForWordAndEveryReplyFitsInTwoHundredAndEightyCharacters()
    {
        var score = JourneyScore.Of(await Played.Value);
        Assert.Equal(0, score.RepeatedReplies);
        Assert.True(score.LongestReply <= 280, $"longest reply {score.LongestReply}");
    }

    [Fact]
    public async Task TheFirstSalesChatReachesClosingAndPostPurchaseAndAnswersTheLastQuestionFromTheKnowledgeBase()
    {
        var journey = JourneySet.Load(JourneySet.DefaultPath).Single(j => j.Name == "sales-first-chat");
        using var runner = new JourneyRunner();
        var turns = await runner.PlayAsync(journey);
        Assert.Contains(turns, t => t.State == ConversationState.ClosingAttempt);
        Assert.Equal(ConversationState.PostPurchase, turns[^1].State);
        Assert.Equal("kb-050", turns[^1].ArticleId);
        Assert.Contains("Instagram", turns[^1].Reply, StringComparison.Ordinal);
        Assert.Equal(turns.Count, turns.Select(t => t.Reply).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task AFixThatDidNotWorkGetsADifferentFixAndTheAttemptIsCounted()
    {
        var journey = JourneySet.Load(JourneySet.DefaultPath).Single(j => j.Name == "support-instagram-disconnected");
        using var runner = new JourneyRunner();
        var turns = await runner.PlayAsync(journey);
        Assert.Equal("kb-051", turns[1].ArticleId);
        Assert.NotEqual(turns[0].Reply, turns[1].Reply);
        Assert.NotEqual(turns[1].Reply, turns[2].Reply);
        Assert.True(turns[2].Frustration >= turns[0].Frustration);
    }

    [Theory]
    [MemberData(nameof(OtherPacks))]
    public async Task EveryOtherShippedPackHasFiveJourneysAndNinetyPercentOfTheirTurnsEndInTheExpectedState(string domain)
    {
        var journeys = JourneySet.Load(JourneySet.PathFor(domain));
        using var runner = new JourneyRunner(domain);
        var played = new List<IReadOnlyList<JourneyTurnResult>>();
        foreach (var journey in journeys)
        {
            played.Add(await runner.PlayAsync(journey));
        }

        var score = JourneyScore.Of(played);
        Assert.True(journeys.Count >= 5, $"{domain}: {journeys.Count} journeys");
        Assert.True(score.StateAccuracy >= 0.90, domain + ": " + score.Format("model") + Misses(played));
        Assert.Equal(0, score.RepeatedReplies);
        Assert.True(score.LongestReply <= 280, $"longest reply {score.LongestReply}");
    }

    [Fact]
    public async Task MeetingSchedulingAsksForTheLengthTheAttendeesAndTheTimeAndReadsThemBack()
    {
        var journey = JourneySet.Load(JourneySet.PathFor("meeting-scheduling")).Single(j => j.Name == "meet-straight");
        using var runner = new JourneyRunner("meeting-scheduling");
        var turns = await runner.PlayAsync(journey);
        Assert.Equal(["duration", "attendees", "time", null, null], turns.Select(t => t.Waiting));
        Assert.Contains("30 minutes", turns[3].Reply, StringComparison.Ordinal);
        Assert.Contains("Ana and Tom", turns[3].Reply, StringComparison.Ordinal);
        Assert.Contains("tomorrow at 3pm", turns[3].Reply, StringComparison.Ordinal);
        Assert.DoesNotContain("$", string.Concat(turns.Select(t => t.Reply)), StringComparison.Ordinal);
    }

    public static TheoryData<string> OtherPacks() => new(Grains.Domain.DomainPackReader.ShippedNames.Where(n => n != Grains.Domain.DomainOptions.DefaultDomain));

    private static string Misses(IReadOnlyList<IReadOnlyList<JourneyTurnResult>> played) =>
        string.Join('\n', played.SelectMany(p => p).Where(t => !t.StateRight).Select(t => $"{t.Expected.Text}: {t.State.ToWireName()} (expected {t.Expected.State.ToWireName()}, intent {t.Intent.Name})"));

    private static async Task<IReadOnlyList<IReadOnlyList<JourneyTurnResult>>> PlayAllAsync()
    {
        using var runner = new JourneyRunner();
        var played = new List<IReadOnlyList<JourneyTurnResult>>();
        foreach (var journey in JourneySet.Load(JourneySet.DefaultPath))
        {
            played.Add(await runner.PlayAsync(journey));
        }

        return played;
    }
}
