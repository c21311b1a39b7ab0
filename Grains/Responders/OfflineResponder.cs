using System.Globalization;
using System.Text;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Knowledge;

namespace Conversations.Grains.Responders;

/// <summary>
/// Writes short replies without a model. The reply answers what was said: an objection as an objection, a
/// question or a problem with the knowledge base's answer (cited), a price with a quote for the team size when
/// it is known; it uses what the user already said (team size, need, budget), follows the conversation's state,
/// never repeats the previous reply word for word, and fits <see cref="ReplyContext.MaxReplyChars"/>. The same
/// turn always gets the same reply, so conversations can be replayed and tested. It is the default responder and
/// the fallback when a model fails.
/// </summary>
public sealed class OfflineResponder
{
    /// <summary>The Team plan's price per seat and month, in dollars.</summary>
    public const int PricePerSeat = 29;

    // Below this confidence an article is not taken as the answer.
    private const double AnswerConfidence = 0.25;

    private static readonly Dictionary<Tone, string> ToneOpenings = new()
    {
        [Tone.Apologetic] = "Sorry for the hassle. ",
        [Tone.Empathetic] = "I can see this is frustrating, and I'm sorry. ",
        [Tone.EmpatheticEscalation] = "I'm really sorry this has been so difficult. ",
    };

    private readonly IKnowledgeBase? _knowledge;

    /// <summary>A responder without a knowledge base: questions get the state's reply.</summary>
    public OfflineResponder()
        : this(null)
    {
    }

    /// <summary>A responder that grounds answers in <paramref name="knowledge"/>.</summary>
    public OfflineResponder(IKnowledgeBase? knowledge) => _knowledge = knowledge;

    /// <summary>Writes the whole reply for a turn (the text only; see <see cref="WriteAsync"/>).</summary>
    public string Compose(ReplyContext context) => WriteAsync(context, CancellationToken.None).AsTask().GetAwaiter().GetResult().Text;

    /// <summary>Writes the whole reply for a turn, with the article it used.</summary>
    public async ValueTask<OfflineReply> WriteAsync(ReplyContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var slots = new ReplySlots(context);
        var (variants, article) = await VariantsAsync(context, slots, cancellationToken);
        var previous = context.RecentTurns.Count > 0 ? context.RecentTurns[^1].Reply : null;
        var start = (int)(Fnv1a(context.UserMessage, context.Turn) % (uint)variants.Count);
        string? reply = null;
        for (var i = 0; i < variants.Count && (reply is null || reply == previous); i++)
        {
            reply = Finish(slots.Fill(variants[(start + i) % variants.Count]), context);
        }

        // One variant only, and it was said last time: say that it is said again rather than repeat it.
        if (reply == previous)
        {
            reply = Finish("To come back to it: " + slots.Fill(variants[start]), context);
        }

        return new OfflineReply(reply!, article);
    }

    private async ValueTask<(IReadOnlyList<string> Variants, string? Article)> VariantsAsync(ReplyContext context, ReplySlots slots, CancellationToken cancellationToken)
    {
        if (context.HandingOff)
        {
            return (OfflineReplies.Handoff, null);
        }

        if (context.Reask is { } reask)
        {
            return (OfflineReplies.Reask.TryGetValue(reask.ExpectedInput, out var again) ? again : OfflineReplies.Unclear, null);
        }

        if (context.TeamSize is not null)
        {
            return (OfflineReplies.Quote, null);
        }

        var state = context.State;
        switch (context.Intent.Name)
        {
            case IntentNames.SupportProblem:
                return await ProblemAsync(context, cancellationToken);
            case IntentNames.NotWorking:
                return await FollowUpAsync(context, cancellationToken);
            case IntentNames.Billing:
                return await AnswerAsync(context.UserMessage, OfflineReplies.Billing, "{answer} Anything else about your bill{name}?", cancellationToken);
            case IntentNames.HumanRequest:
                return (OfflineReplies.HumanRequest, null);
            case IntentNames.SmallTalk:
                return (state == ConversationState.PostPurchase ? OfflineReplies.SmallTalkCustomer : OfflineReplies.SmallTalk, null);
            case IntentNames.Greeting:
                return (state == ConversationState.PostPurchase ? OfflineReplies.GreetingCustomer
                    : state == ConversationState.InitialContact ? OfflineReplies.ByState[state]
                    : OfflineReplies.GreetingAgain, null);
            case IntentNames.Unknown:
                return (OfflineReplies.Unclear, null);
            case IntentNames.PurchaseConfirmed:
                return await AnswerAsync("first steps after buying", OfflineReplies.ByState[ConversationState.PostPurchase], "Thank you{name}, and welcome aboard! {answer}", cancellationToken);
            case IntentNames.Objection:
                return await ObjectionAsync(context, slots, cancellationToken);
            case IntentNames.Pricing:
                return await PricingAsync(context, slots, cancellationToken);
            case IntentNames.Question:
                return await AnswerAsync(context.UserMessage, OfflineReplies.ByState[state], QuestionFollowUp(state), cancellationToken);
            case IntentNames.Purchase when state == ConversationState.PostPurchase:
                return await AnswerAsync("first steps after buying", OfflineReplies.ByState[state], "You're all set{name}: the invitation is on its way. {answer}", cancellationToken);
            default:
                return (OfflineReplies.ByState[state], null);
        }
    }

    // A problem: the first fix of the article about it, or its answer.
    private async ValueTask<(IReadOnlyList<string>, string?)> ProblemAsync(ReplyContext context, CancellationToken cancellationToken)
    {
        var hit = await BestAsync(context.UserMessage, cancellationToken);
        if (hit is null)
        {
            return (OfflineReplies.Problem, null);
        }

        var fix = hit.Article.Fixes is { Count: > 0 } fixes ? fixes[0] : hit.Article.Answer;
        return (["Sorry about that{name}. " + fix + " Does that fix it?", "That's annoying{name}, let's sort it out. " + fix + " Let me know if it works."], hit.Article.Id);
    }

    // "That didn't work": the next fix of the article about the problem reported before, counted by the failed
    // attempts; when the fixes run out, a person is offered.
    private async ValueTask<(IReadOnlyList<string>, string?)> FollowUpAsync(ReplyContext context, CancellationToken cancellationToken)
    {
        var problem = context.RecentTurns.LastOrDefault(t => t.Intent.Name == IntentNames.SupportProblem)?.UserMessage ?? context.UserMessage;
        var hit = await BestAsync(problem, cancellationToken);
        var attempt = Math.Max(1, context.Signals?.FailedAttempts ?? 1);
        if (hit?.Article.Fixes is { } fixes)
        {
            if (attempt < fixes.Count)
            {
                return (["Sorry that didn't help{name}. Let's try something else: " + fixes[attempt] + " Does it work now?", "Thanks for trying that{name}. Next step: " + fixes[attempt] + " Tell me what you see."], hit.Article.Id);
            }

            return (OfflineReplies.OutOfFixes, hit.Article.Id);
        }

        return (OfflineReplies.NotWorking, hit?.Article.Id);
    }

    private async ValueTask<(IReadOnlyList<string>, string?)> ObjectionAsync(ReplyContext context, ReplySlots slots, CancellationToken cancellationToken)
    {
        // A doubt about the price is answered with what the price buys and the ways to pay less.
        if (context.PreviousState == ConversationState.PriceNegotiation || OfflineReplies.IsAboutPrice(context.UserMessage))
        {
            return (slots.TeamSize is null ? OfflineReplies.PriceObjection : OfflineReplies.PriceObjectionForTeam, null);
        }

        var hit = await BestAsync(context.UserMessage, cancellationToken);
        if (hit is not null && hit.Article.Agent == KnowledgeAgents.Sales)
        {
            return (["That's a fair concern{name}. " + hit.Article.Answer + " Would that work for you?", "I understand{name}. " + hit.Article.Answer + " What would you need to see?"], hit.Article.Id);
        }

        return (OfflineReplies.ByState[ConversationState.ObjectionHandling], null);
    }

    private async ValueTask<(IReadOnlyList<string>, string?)> PricingAsync(ReplyContext context, ReplySlots slots, CancellationToken cancellationToken)
    {
        var hit = await BestAsync(context.UserMessage, cancellationToken);

        // A specific price question (a discount, what is included, seats) gets the article's answer.
        if (hit is not null && hit.Article.Id != OfflineReplies.PlansArticle && hit.Article.Category is "pricing" or "billing" or "plans")
        {
            return Answered(["{answer} " + (slots.TeamSize is null ? "How many seats are you thinking of{name}?" : "For your {team} people that's ${monthly} a month before any discount."), "Good question{name}. {answer}"], hit);
        }

        if (context.State == ConversationState.PostPurchase)
        {
            return (OfflineReplies.CustomerPricing, null);
        }

        return (slots.TeamSize is null ? OfflineReplies.ByState[ConversationState.PriceNegotiation] : OfflineReplies.Quote, OfflineReplies.PlansArticle);
    }

    private async ValueTask<(IReadOnlyList<string>, string?)> AnswerAsync(string query, IReadOnlyList<string> fallback, string template, CancellationToken cancellationToken)
    {
        var hit = await BestAsync(query, cancellationToken);
        return hit is null ? (fallback, null) : Answered([template], hit);
    }

    private static (IReadOnlyList<string>, string?) Answered(IReadOnlyList<string> templates, KnowledgeHit hit) =>
        (templates.Select(t => t.Replace("{answer}", hit.Article.Answer, StringComparison.Ordinal)).ToArray(), hit.Article.Id);

    private async ValueTask<KnowledgeHit?> BestAsync(string query, CancellationToken cancellationToken)
    {
        if (_knowledge is null)
        {
            return null;
        }

        try
        {
            var hits = await _knowledge.SearchAsync(query, null, 1, cancellationToken);
            return hits.Count > 0 && hits[0].Confidence >= AnswerConfidence ? hits[0] : null;
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException or InvalidOperationException or IOException)
        {
            // The knowledge base is out of reach (its database is down): the reply goes without an article
            // rather than the turn failing; the offline responder is the fallback of everything else.
            return null;
        }
    }

    // After an answer, a question that moves the conversation on from where it is.
    private static string QuestionFollowUp(ConversationState state) => state switch
    {
        ConversationState.InitialContact or ConversationState.InterestQualification => "{answer} How many people would use it{name}?",
        ConversationState.ValueProposition => "{answer} Anything else you'd like to know{name}?",
        ConversationState.ObjectionHandling => "{answer} Does that help{name}?",
        ConversationState.PriceNegotiation => "{answer} Shall I put a quote together{name}?",
        ConversationState.ClosingAttempt => "{answer} Which e-mail should the account go to{name}?",
        _ => "{answer} Anything else I can help with{name}?",
    };

    private static string Finish(string reply, ReplyContext context)
    {
        if (ToneOpenings.TryGetValue(context.Tone, out var opening) && !reply.Contains("sorry", StringComparison.OrdinalIgnoreCase))
        {
            reply = opening + reply;
        }

        return Truncate(reply, context.MaxReplyChars);
    }

    /// <summary>Splits a reply into pieces of <paramref name="wordsPerChunk"/> words whose concatenation is the reply.</summary>
    public static IReadOnlyList<string> Chunk(string reply, int wordsPerChunk)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var chunks = new List<string>();
        var start = 0;
        var words = 0;
        for (var i = 0; i < reply.Length; i++)
        {
            if (reply[i] == ' ' && ++words == Math.Max(1, wordsPerChunk))
            {
                chunks.Add(reply[start..(i + 1)]);
                start = i + 1;
                words = 0;
            }
        }

        if (start < reply.Length)
        {
            chunks.Add(reply[start..]);
        }

        return chunks;
    }

    // At the end of the last whole sentence that fits, else of the last whole word.
    private static string Truncate(string reply, int maxChars)
    {
        if (reply.Length <= maxChars)
        {
            return reply;
        }

        var sentence = reply.LastIndexOfAny(['.', '?', '!'], Math.Max(0, maxChars - 1));
        if (sentence > maxChars / 2)
        {
            return reply[..(sentence + 1)];
        }

        var cut = reply.LastIndexOf(' ', Math.Max(0, maxChars - 1));
        return cut > 0 ? reply[..cut] : reply[..maxChars];
    }

    private static uint Fnv1a(string text, int turn)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (hash ^ (uint)turn) * 16777619u;
    }

    // What a reply may fill in: the user's name, team size, need, budget, prices, the article's answer.
    private sealed class ReplySlots(ReplyContext context)
    {
        public int? TeamSize { get; } = context.TeamSize ?? context.Signals?.TeamSize;

        public string Fill(string template)
        {
            var name = string.IsNullOrWhiteSpace(context.UserName) ? string.Empty : $", {context.UserName.Trim()}";
            var seats = TeamSize ?? 1;
            var need = context.Signals?.Need;
            var text = new StringBuilder(template)
                .Replace("{name}", name)
                .Replace("{team}", seats.ToString(CultureInfo.InvariantCulture))
                .Replace("{monthly}", (seats * PricePerSeat).ToString("N0", CultureInfo.InvariantCulture))
                .Replace("{yearly}", (seats * PricePerSeat * 12 * 0.8).ToString("N0", CultureInfo.InvariantCulture))
                .Replace("{need}", need ?? "customer messages")
                .Replace("{teamof}", TeamSize is { } size ? $"your team of {size}" : "your team")
                .Replace("{budget}", context.Signals?.Budget is { } budget ? $" within {budget}" : string.Empty)
                .Replace("{prompt}", context.Reask?.Prompt);
            return text.ToString();
        }
    }
}
