using System.Globalization;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.IntentEval;

/// <summary><c>--journeys [--domain NAME]</c>: plays every scripted journey of a pack and prints each turn, the reply, and the figures.</summary>
public static class JourneysCommand
{
    /// <summary>Plays and prints the journeys of <paramref name="domain"/>'s pack; <paramref name="quiet"/> prints the figures only.</summary>
    public static async Task<int> RunAsync(TextWriter output, bool quiet, string domain = Grains.Domain.DomainOptions.DefaultDomain)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var runner = new JourneyRunner(domain);
        var journeys = JourneySet.Load(JourneySet.PathFor(domain));
        var played = new List<(Journey Journey, IReadOnlyList<JourneyTurnResult> Turns)>();
        foreach (var journey in journeys)
        {
            played.Add((journey, await runner.PlayAsync(journey)));
        }

        if (!quiet)
        {
            foreach (var (journey, turns) in played)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== {journey.Name}: {journey.Description}"));
                foreach (var turn in turns)
                {
                    output.WriteLine($"> {turn.Expected.Text}");
                    var mark = turn.StateRight ? "ok" : $"EXPECTED {turn.Expected.State.ToWireName()}";
                    var intentMark = turn.IntentRight ? string.Empty : $" (expected {turn.Expected.Intent})";
                    var extras = (turn.ArticleId is null ? string.Empty : $", article {turn.ArticleId}")
                        + (turn.Waiting is null ? string.Empty : $", waiting for {turn.Waiting}")
                        + (turn.HandedOff ? ", with a person" : string.Empty);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{turn.Intent.Name} {turn.Intent.Confidence:0.00}{intentMark} -> {turn.State.ToWireName()} {mark}{extras}]"));
                    output.WriteLine(turn.Reply.Length == 0 ? "  < (no reply: a person has the conversation)" : $"  < {turn.Reply}");
                }

                output.WriteLine();
            }
        }

        output.WriteLine($"domain pack: {domain}");
        output.Write(JourneyScore.Of(played.Select(p => p.Turns).ToArray()).Format(runner.ClassifierSource));
        return 0;
    }
}
