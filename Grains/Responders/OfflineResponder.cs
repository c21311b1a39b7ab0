using System.Globalization;
using System.Text;
using Conversations.Grains.Domain;
using Conversations.Grains.Intelligence;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Knowledge;

namespace Conversations.Grains.Responders;

/// <summary>
/// Writes short replies without a model. The reply answers what was said: an objection as an objection, a
/// question or a problem with the knowledge base's answer (cited), a price with a quote for the team size when
/// it is known; it uses what the user already said (team size, need, budget), follows the conversation's state,
/// never repeats the previous reply word for word, and fits <see cref="ReplyContext.MaxReplyChars"/>. The same
/// turn always gets the same reply, so conversations can be replayed and tested. Its words, prices and questions
/// come from the domain pack in use (<see cref="DomainPack"/>), read again for every turn so that a reloaded pack
/// takes effect at the next one. It is the default responder and the fallback when a model fails.
/// </summary>
public sealed class OfflineResponder
{
    // Below this confidence an article is not taken as the answer.
    private const double AnswerConfidence = 0.25;

    private readonly IKnowledgeBase? _knowledge;
    private readonly DomainPackSource _packs;

    /// <summary>A responder without a knowledge base: questions get the state's reply.</summary>
    public OfflineResponder()
        : this(null)
    {
    }

    /// <summary>A responder with the shipped DM sales pack that grounds answers in <paramref name="knowledge"/>.</summary>
    public OfflineResponder(IKnowledgeBase? knowledge)
        : this(knowledge, new DomainPackSource(DomainPackSource.Default))
    {
    }

    /// <summary>A responder speaking the pack of <paramref name="packs"/> that grounds answers in <paramref name="knowledge"/>.</summary>
    public OfflineResponder(IKnowledgeBase? knowledge, DomainPackSource packs)
    {
        ArgumentNullException.ThrowIfNull(packs);
        _knowledge = knowledge;
        _packs = packs;
    }

    /// <summary>Writes the whole reply for a turn (the text only; see <see cref="WriteAsync"/>).</summary>
    public string Compose(ReplyContext context) => WriteAsync(context, CancellationToken.None).AsTask().GetAwaiter().GetResult().Text;

    /// <summary>Writes the whole reply for a turn, with the article it used.</summary>
    public async ValueTask<OfflineReply> WriteAsync(ReplyContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pack = _packs.Current;
        var slots = new ReplySlots(context, pack);
        var (variants, article) = await VariantsAsync(context, pack, slots, cancellationToken);
        var previous = context.RecentTurns.Count > 0 ? context.RecentTurns[^1].Reply : null;
        var start = (int)(Fnv1a(context.UserMessage, context.Turn) % (uint)variants.Count);
        string? reply = null;
        for (var i = 0; i < variants.Count && (reply is null || reply == previous); i++)
        {
            reply = Finish(slots.Fill(variants[(start + i) % variants.Count]), context, pack);
        }

        // One variant only, and it was said last time: say that it is said again rather than repeat it.
        if (reply == previous)
        {
            reply = Finish(slots.Fill(pack.Reply(ReplyNames.Again)[0].Replace("{reply}", variants[start], StringComparison.Ordinal)), context, pack);
        }

        return new OfflineReply(reply!, article);
    }

    private async ValueTask<(IReadOnlyList<string> Variants, string? Article)> VariantsAsync(ReplyContext context, DomainPack pack, ReplySlots slots, CancellationToken cancellationToken)
    {
        if (context.HandingOff)
        {
            return (pack.Reply(ReplyNames.Handoff), null);
        }

        if (context.Reask is { } reask)
        {
            return (pack.Input(reask.ExpectedInput)?.Reask ?? pack.Reply(ReplyNames.Unclear), null);
        }

        if (context.TeamSize is not null)
        {
            return (pack.Reply(ReplyNames.Quote), null);
        }

        var knowledge = pack.Knowledge;
        var byState = pack.State(context.State).Replies;

        var state = context.State;
        switch (context.Intent.Name)
        {
            case IntentNames.SupportProblem:
                return await ProblemAsync(context, pack, cancellationToken);
            case IntentNames.NotWorking:
                return await FollowUpAsync(context, pack, cancellationToken);
            case IntentNames.Billing:
                return await AnswerAsync(context.UserMessage, pack, pack.Reply(ReplyNames.Billing), pack.Reply(ReplyNames.BillingAnswer), cancellationToken);
            case IntentNames.HumanRequest:
                return (pack.Reply(ReplyNames.HumanRequest), null);
            case IntentNames.SmallTalk:
                return (pack.Reply(state == ConversationState.PostPurchase ? ReplyNames.SmallTalkCustomer : ReplyNames.SmallTalk), null);
            case IntentNames.Greeting:
                return (state == ConversationState.PostPurchase ? pack.Reply(ReplyNames.GreetingCustomer)
                    : state == ConversationState.InitialContact ? byState
                    : pack.Reply(ReplyNames.GreetingAgain), null);
            case IntentNames.Unknown:
                return (pack.Reply(ReplyNames.Unclear), null);
            case IntentNames.PurchaseConfirmed:
                return await AnswerAsync(knowledge.FirstStepsQuery, pack, pack.State(ConversationState.PostPurchase).Replies, pack.Reply(ReplyNames.PurchaseConfirmedAnswer), cancellationToken);
            case IntentNames.Objection:
                return await ObjectionAsync(context, pack, slots, cancellationToken);
            case IntentNames.Pricing:
                return await PricingAsync(context, pack, slots, cancellationToken);
            case IntentNames.Question:
                return await AnswerAsync(context.UserMessage, pack, byState, [pack.State(state).AfterAnswer], cancellationToken);
            case IntentNames.Purchase when state == ConversationState.PostPurchase:
                return await AnswerAsync(knowledge.FirstStepsQuery, pack, byState, pack.Reply(ReplyNames.CustomerPurchaseAnswer), cancellationToken);
            default:
                return (byState, null);
        }
    }

    // A problem: the first fix of the article about it, or its answer.
    private async ValueTask<(IReadOnlyList<string>, string?)> ProblemAsync(ReplyContext context, DomainPack pack, CancellationToken cancellationToken)
    {
        var hit = await BestAsync(context.UserMessage, pack, cancellationToken);
        if (hit is null)
        {
            return (pack.Reply(ReplyNames.Problem), null);
        }

        var fix = hit.Article.Fixes is { Count: > 0 } fixes ? fixes[0] : hit.Article.Answer;
        return (With(pack.Reply(ReplyNames.ProblemFix), "{fix}", fix), hit.Article.Id);
    }

    // "That didn't work": the next fix of the article about the problem reported before, counted by the failed
    // attempts; when the fixes run out, a person is offered.
    private async ValueTask<(IReadOnlyList<string>, string?)> FollowUpAsync(ReplyContext context, DomainPack pack, CancellationToken cancellationToken)
    {
        var problem = context.RecentTurns.LastOrDefault(t => t.Intent.Name == IntentNames.SupportProblem)?.UserMessage ?? context.UserMessage;
        var hit = await BestAsync(problem, pack, cancellationToken);
        var attempt = Math.Max(1, context.Signals?.FailedAttempts ?? 1);
        if (hit?.Article.Fixes is { } fixes)
        {
            if (attempt < fixes.Count)
            {
                return (With(pack.Reply(ReplyNames.NextFix), "{fix}", fixes[attempt]), hit.Article.Id);
            }

            return (pack.Reply(ReplyNames.OutOfFixes), hit.Article.Id);
        }

        return (pack.Reply(ReplyNames.NotWorking), hit?.Article.Id);
    }

    private async ValueTask<(IReadOnlyList<string>, string?)> ObjectionAsync(ReplyContext context, DomainPack pack, ReplySlots slots, CancellationToken cancellationToken)
    {
        // A doubt about the price is answered with what the price buys and the ways to pay less.
        if (context.PreviousState == ConversationState.PriceNegotiation || IsAboutPrice(context.UserMessage, pack))
        {
            return (pack.Reply(slots.TeamSize is null ? ReplyNames.PriceObjection : ReplyNames.PriceObjectionForTeam), null);
        }

        var hit = await BestAsync(context.UserMessage, pack, cancellationToken);
        if (hit is not null && hit.Article.Agent == pack.Knowledge.ObjectionAgent)
        {
            return Answered(pack.Reply(ReplyNames.ObjectionAnswer), hit);
        }

        return (pack.State(ConversationState.ObjectionHandling).Replies, null);
    }

    private async ValueTask<(IReadOnlyList<string>, string?)> PricingAsync(ReplyContext context, DomainPack pack, ReplySlots slots, CancellationToken cancellationToken)
    {
        var hit = await BestAsync(context.UserMessage, pack, cancellationToken);

        // A specific price question (a discount, what is included, seats) gets the article's answer.
        if (hit is not null && hit.Article.Id != pack.Knowledge.PlansArticle && pack.Knowledge.PriceCategories.Contains(hit.Article.Category, StringComparer.Ordinal))
        {
            return Answered(pack.Reply(slots.TeamSize is null ? ReplyNames.PricingAnswer : ReplyNames.PricingAnswerForTeam), hit);
        }

        if (context.State == ConversationState.PostPurchase)
        {
            return (pack.Reply(ReplyNames.CustomerPricing), null);
        }

        return (slots.TeamSize is null ? pack.State(ConversationState.PriceNegotiation).Replies : pack.Reply(ReplyNames.Quote), pack.Knowledge.PlansArticle);
    }

    private async ValueTask<(IReadOnlyList<string>, string?)> AnswerAsync(string query, DomainPack pack, IReadOnlyList<string> fallback, IReadOnlyList<string> templates, CancellationToken cancellationToken)
    {
        var hit = await BestAsync(query, pack, cancellationToken);
        return hit is null ? (fallback, null) : Answered(templates, hit);
    }

    private static (IReadOnlyList<string>, string?) Answered(IReadOnlyList<string> templates, KnowledgeHit hit) =>
        (With(templates, "{answer}", hit.Article.Answer), hit.Article.Id);

    private static string[] With(IReadOnlyList<string> templates, string slot, string text) =>
        templates.Select(t => t.Replace(slot, text, StringComparison.Ordinal)).ToArray();

    // Whether an objection is about money.
    private static bool IsAboutPrice(string text, DomainPack pack)
    {
        var normalized = TextNormalizer.Normalize(text);
        return pack.Slots.PriceWords.Any(w => TextNormalizer.ContainsPhrase(normalized, w));
    }

    private async ValueTask<KnowledgeHit?> BestAsync(string query, DomainPack pack, CancellationToken cancellationToken)
    {
        if (_knowledge is null || !pack.Knowledge.Enabled)
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

    private static string Finish(string reply, ReplyContext context, DomainPack pack)
    {
        if (pack.OpeningByTone.TryGetValue(context.Tone, out var opening) && !reply.Contains("sorry", StringComparison.OrdinalIgnoreCase))
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

    // What a reply may fill in: the user's name, team size, need, budget, prices, the answers to the pack's
    // inputs by name.
    private sealed class ReplySlots(ReplyContext context, DomainPack pack)
    {
        public int? TeamSize { get; } = context.TeamSize ?? context.Signals?.TeamSize;

        public string Fill(string template)
        {
            var name = string.IsNullOrWhiteSpace(context.UserName) ? string.Empty : $", {context.UserName.Trim()}";
            var seats = TeamSize ?? 1;
            var need = context.Signals?.Need;
            var price = pack.Product.PricePerSeat;
            var text = new StringBuilder(template)
                .Replace("{name}", name)
                .Replace("{team}", seats.ToString(CultureInfo.InvariantCulture))
                .Replace("{monthly}", (seats * price).ToString("N0", CultureInfo.InvariantCulture))
                .Replace("{yearly}", (seats * price * 12 * (1 - pack.Product.YearlyDiscount)).ToString("N0", CultureInfo.InvariantCulture))
                .Replace("{need}", need ?? pack.Slots.DefaultNeed)
                .Replace("{teamof}", TeamSize is { } size ? pack.Slots.TeamOf.Replace("{size}", size.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) : pack.Slots.TeamUnknown)
                .Replace("{budget}", context.Signals?.Budget is { } budget ? pack.Slots.Budget.Replace("{value}", budget, StringComparison.Ordinal) : string.Empty)
                .Replace("{prompt}", context.Reask?.Prompt);
            foreach (var input in pack.Inputs)
            {
                text.Replace("{" + input.Name + "}", context.Signals?.Answer(input.Name) ?? input.Unknown);
            }

            return text.ToString();
        }
    }
}
