using System.Globalization;
using System.Text;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Responders;

/// <summary>
/// Writes short replies without a model: one set of replies per state, and replies for intents that
/// outrank the state (a problem, a bill, a request for a person). The same turn always gets the same reply,
/// so conversations can be replayed and tested. It is the default responder and the fallback when a model
/// fails.
/// </summary>
public sealed class OfflineResponder
{
    // What users of a sales or support assistant talk about; a reply names the first one it finds.
    private static readonly string[] Topics =
    [
        "customer support", "mobile app", "data import", "single sign-on", "user management",
        "reporting", "reports", "dashboard", "dashboards", "analytics", "onboarding", "integrations", "integration",
        "automation", "workflows", "workflow", "scheduling", "calendar", "appointments", "tickets", "ticketing",
        "invoices", "invoice", "billing", "payments", "export", "exports", "import", "api", "security", "permissions",
        "crm", "pipeline", "leads", "contracts", "email", "notifications", "slack", "login", "password", "sync",
        "storage", "backups", "support", "training", "migration", "forecasting", "quotes", "inventory",
    ];

    private static readonly Dictionary<string, string[]> ByIntent = new(StringComparer.Ordinal)
    {
        [IntentNames.SupportProblem] =
        [
            "Sorry about the trouble with {topic}{name}. What do you see on screen, and since when? I'll walk you through a fix step by step.",
            "That sounds frustrating{name}. Could you tell me what you were doing when it went wrong and what you see now? Then we can fix it together.",
        ],
        [IntentNames.NotWorking] =
        [
            "I'm sorry that didn't work{name}. Let's try another way: sign out, clear the app's cache, and sign in again. Does it behave now?",
            "Thanks for trying{name}, and sorry it's still not right. Let's go one step deeper: which version are you on, and what exactly happens?",
        ],
        [IntentNames.Billing] =
        [
            "I can help with billing{name}. Please share the invoice number or the date of the charge, and I'll look into it right away.",
        ],
        [IntentNames.HumanRequest] =
        [
            "Of course{name}. I've noted that you'd like to talk to a person. Meanwhile, is there anything I can answer right away?",
        ],
        [IntentNames.SmallTalk] =
        [
            "Happy to chat{name}! I'm doing well, thanks. Is there anything I can help you with today?",
        ],
    };

    // Sales intents that arrive before the conversation is ready for them get an answer that moves it on.
    private static readonly Dictionary<string, string[]> EarlyIntent = new(StringComparer.Ordinal)
    {
        [IntentNames.Pricing] =
        [
            "Plans start at $29 per user per month{name}. To suggest the right one, tell me a little about your team and what you need it for.",
        ],
        [IntentNames.Purchase] =
        [
            "Great to hear{name}! Let's make sure you get the right plan: how many people would use it, and what matters most to them?",
        ],
    };

    private static readonly Dictionary<ConversationState, string[]> ByState = new()
    {
        [ConversationState.InitialContact] =
        [
            "Hi{name}! Thanks for reaching out. What brings you here today: are you exploring options for your team?",
            "Hello{name}, glad you're here. Tell me a little about what you're looking for and I'll point you the right way.",
        ],
        [ConversationState.InterestQualification] =
        [
            "Great{name}! We help a lot of teams with {topic}. How large is your team, and what do you use today?",
            "Thanks{name}. To find the right fit: who would use it, and what matters most to you?",
        ],
        [ConversationState.ValueProposition] =
        [
            "Teams like yours use us to take the busywork out of {topic}: setup takes a day, everything syncs in real time, and support is included. Want to see how that fits your workflow?",
            "Here's what you'd get{name}: one place for your team's work, automation for the repetitive parts, and reports people actually read. Which of these matters most?",
        ],
        [ConversationState.ObjectionHandling] =
        [
            "That's a fair concern{name}. Many customers felt the same at first; a 30-day trial and guided onboarding take the risk away. What would you need to see?",
            "I understand{name}. We can start small, with no long contract, and you keep your data if you leave. Would that address your concern?",
        ],
        [ConversationState.PriceNegotiation] =
        [
            "Our Team plan is $29 per user per month, and paying yearly saves 20%. Larger teams get volume pricing. How many seats are you thinking of{name}?",
            "Pricing is simple{name}: $29 per user per month, everything included, 20% off with annual billing. Shall I work out a quote for your team?",
        ],
        [ConversationState.ClosingAttempt] =
        [
            "It sounds like a good fit{name}. Shall I set up your account today? I just need a work e-mail address to send the invitation.",
            "Wonderful{name}! Let's get you started: which e-mail address should the account and the invoice go to?",
        ],
        [ConversationState.PostPurchase] =
        [
            "Welcome aboard{name}! Your workspace is ready. Shall we start by inviting your team or by importing your data?",
            "Thanks for choosing us{name}! If anything about {topic} is unclear, ask me here any time; I'm happy to help you get set up.",
        ],
    };

    // A reply handing the conversation to a person, and replies asking an interrupt's question again.
    private static readonly string[] Handoff =
    [
        "I'm sorry this has been so hard{name}. I'm bringing in a member of our team now; they can see everything so far and will reply here shortly.",
    ];

    // A quote for the team size the user just gave, instead of asking for it again.
    private const int PricePerSeat = 29;

    private static readonly string[] Quote =
    [
        "Thanks{name}. For {seats} people the Team plan comes to ${monthly} a month, everything included, or 20% less paid yearly. Shall we go ahead?",
    ];

    private static readonly Dictionary<string, string[]> Reask = new(StringComparer.Ordinal)
    {
        ["email"] = ["That doesn't look like an e-mail address{name}. {prompt} For example: name@company.com."],
        ["team_size"] = ["Sorry{name}, I didn't catch a number there. {prompt} A rough figure is fine."],
    };

    // Opening words for tones that call for more care; a template that already apologises gets none.
    private static readonly Dictionary<Tone, string> ToneOpenings = new()
    {
        [Tone.Apologetic] = "Sorry for the hassle. ",
        [Tone.Empathetic] = "I can see this is frustrating, and I'm sorry. ",
        [Tone.EmpatheticEscalation] = "I'm really sorry this has been so difficult. ",
    };

    /// <summary>Writes the whole reply for a turn, at most <see cref="ReplyContext.MaxReplyChars"/> characters.</summary>
    public string Compose(ReplyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var topic = Topic(context.UserMessage);
        var variants = Variants(context).Where(t => topic is not null || !t.Contains("{topic}", StringComparison.Ordinal)).ToArray();
        var template = variants[(int)(Fnv1a(context.UserMessage, context.Turn) % (uint)variants.Length)];
        var name = string.IsNullOrWhiteSpace(context.UserName) ? string.Empty : $", {context.UserName.Trim()}";
        var reply = template
            .Replace("{seats}", context.TeamSize?.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{monthly}", (context.TeamSize * PricePerSeat)?.ToString("N0", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{name}", name, StringComparison.Ordinal)
            .Replace("{topic}", topic, StringComparison.Ordinal)
            .Replace("{prompt}", context.Reask?.Prompt, StringComparison.Ordinal);
        if (ToneOpenings.TryGetValue(context.Tone, out var opening) && !reply.Contains("sorry", StringComparison.OrdinalIgnoreCase))
        {
            reply = opening + reply;
        }

        return Truncate(reply, context.MaxReplyChars);
    }

    // A hand-over or a question asked again comes first; then problems, bills and requests for a person outrank the sales state; a price or purchase question that
    // comes before the conversation is ready for it gets an answer that moves it on; else the state decides.
    // The state here is the one after this turn's transition.
    private static string[] Variants(ReplyContext context) =>
        context.HandingOff ? Handoff
        : context.Reask is { } reask && Reask.TryGetValue(reask.ExpectedInput, out var again) ? again
        : context.TeamSize is not null ? Quote
        : ByIntent.TryGetValue(context.Intent.Name, out var forIntent) ? forIntent
        : context.State < ConversationState.PriceNegotiation && EarlyIntent.TryGetValue(context.Intent.Name, out var early) ? early
        : ByState[context.State];

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

    // The first subject the message names, if any: used only where it reads well.
    private static string? Topic(string message)
    {
        var text = $" {new string(message.Select(c => char.IsLetterOrDigit(c) || c == '-' ? char.ToLowerInvariant(c) : ' ').ToArray())} ";
        var first = Topics
            .Select(topic => (Topic: topic, At: text.IndexOf($" {topic} ", StringComparison.Ordinal)))
            .Where(found => found.At >= 0)
            .OrderBy(found => found.At)
            .Select(found => found.Topic)
            .FirstOrDefault();
        return first switch
        {
            "crm" => "CRM",
            "api" => "the API",
            "slack" => "Slack",
            null => null,
            var topic => topic,
        };
    }

    private static string Truncate(string reply, int maxChars)
    {
        if (reply.Length <= maxChars)
        {
            return reply;
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
}
