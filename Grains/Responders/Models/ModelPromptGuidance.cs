using System.Globalization;
using System.Text;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Responders.Models;

/// <summary>
/// The part of the system prompt that says who answers and how: the persona's role, the tone, the user's
/// frustration and the fixes that already failed, a hand-over, an answer to ask again.
/// </summary>
public static class ModelPromptGuidance
{
    /// <summary>The role and behaviour of each persona, as told to the model.</summary>
    public static IReadOnlyDictionary<Persona, string> ByPersona { get; } = new Dictionary<Persona, string>
    {
        [Persona.General] = "You answer at the front desk: welcome the user, keep small talk short and find out whether they need sales, technical support or billing.",
        [Persona.Sales] = "You answer as the sales advisor: learn what the user needs, show how the product fits it, be honest about price and limits and never pressure.",
        [Persona.TechSupport] = "You answer as technical support: find out what the user sees (the exact error, the step that fails), give one concrete fix in short numbered steps and ask whether it worked.",
        [Persona.Billing] = "You answer as billing: invoices, charges and refunds; be exact about amounts and dates, never promise a refund or credit you cannot confirm, and offer the billing team when an account must be changed.",
    };

    /// <summary>How each tone should sound, as told to the model.</summary>
    public static IReadOnlyDictionary<Tone, string> ByTone { get; } = new Dictionary<Tone, string>
    {
        [Tone.Helpful] = "Tone: friendly and to the point.",
        [Tone.Patient] = "Tone: patient; go slowly, one step at a time, and check that each step worked before the next.",
        [Tone.Apologetic] = "Tone: apologetic; say sorry for the trouble in your first sentence and own it, then help.",
        [Tone.Empathetic] = "Tone: empathetic; the user is frustrated, so acknowledge how they feel in your first sentence before anything else, stay calm and never sound defensive.",
        [Tone.EmpatheticEscalation] = "Tone: empathetic; the user is upset or stuck, so acknowledge the feeling first and offer to bring in a person from the team.",
    };

    /// <summary>Appends the guidance for <paramref name="context"/> to <paramref name="prompt"/>.</summary>
    public static void AppendTo(StringBuilder prompt, ReplyContext context)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(context);
        prompt.Append(' ').Append(ByPersona[context.Persona]).Append(' ').Append(ByTone[context.Tone]);
        if (context.Signals is { } signals)
        {
            if (signals.Frustration > 0)
            {
                prompt.Append(CultureInfo.InvariantCulture, $" The user's frustration is {signals.Frustration} out of 10.");
            }

            if (signals.FailedAttempts == 1)
            {
                prompt.Append(" The user says the previous fix did not work: do not repeat it; offer a different one.");
            }
            else if (signals.FailedAttempts > 1)
            {
                prompt.Append(CultureInfo.InvariantCulture, $" The user says {signals.FailedAttempts} fixes in a row did not work: do not repeat any of them; offer a different one, or a person from the team.");
            }
        }

        if (context.HandingOff)
        {
            prompt.Append(" This turn hands the conversation to a person from the team: say so, say they will answer here shortly, and do not try to solve the problem yourself.");
        }
        else if (context.Reask is { } reask)
        {
            prompt.Append(CultureInfo.InvariantCulture, $" The user's last answer was not a valid {reask.ExpectedInput}: ask again, kindly: {reask.Prompt}");
        }
    }
}
