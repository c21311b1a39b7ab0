using System.Text.Json;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Domain;

/// <summary>
/// Reads and checks domain packs: shipped ones by name from the <c>domains</c> folder beside the binaries, others
/// from a path. A pack that does not read or check out throws <see cref="DomainPackException"/> naming the field.
/// </summary>
public static class DomainPackReader
{
    /// <summary>The folder of the shipped packs, beside the binaries.</summary>
    public static string ShippedFolder { get; } = Path.Combine(AppContext.BaseDirectory, "domains");

    /// <summary>The names of the shipped packs.</summary>
    public static IReadOnlyList<string> ShippedNames { get; } = ["dm-sales", "support-desk", "meeting-scheduling", "vehicle-discovery"];

    /// <summary>The file <c>Conversations:Domain</c> refers to: a shipped pack's file for its name, else the path itself.</summary>
    public static string Resolve(string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        return ShippedNames.Contains(domain, StringComparer.Ordinal)
            ? Path.Combine(ShippedFolder, domain + ".json")
            : Path.GetFullPath(domain);
    }

    /// <summary>Reads and checks the pack <paramref name="domain"/> names (a shipped pack's name or a path).</summary>
    public static DomainPack Load(string domain)
    {
        var path = Resolve(domain);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new DomainPackException($"{path}: cannot be read ({exception.Message})", exception);
        }

        return Parse(json, path);
    }

    /// <summary>Reads and checks a pack's JSON; <paramref name="origin"/> names it in errors.</summary>
    public static DomainPack Parse(string json, string origin)
    {
        ArgumentNullException.ThrowIfNull(json);
        DomainPack? pack;
        try
        {
            pack = JsonSerializer.Deserialize(json, DomainPackJsonContext.Default.DomainPack);
        }
        catch (JsonException exception)
        {
            throw new DomainPackException($"{origin}: not a valid pack at {exception.Path ?? "$"} ({FirstLine(exception.Message)})", exception);
        }

        if (pack is null)
        {
            throw new DomainPackException($"{origin}: the file is empty.");
        }

        var errors = Check(pack);
        if (errors.Count > 0)
        {
            throw new DomainPackException($"{origin}: " + string.Join("; ", errors));
        }

        Prepare(pack);
        pack.Origin = origin;
        return pack;
    }

    /// <summary>What is wrong with <paramref name="pack"/>, each naming its field; empty when nothing is.</summary>
    public static IReadOnlyList<string> Check(DomainPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var errors = new List<string>();
        if (pack.Version != DomainPack.CurrentVersion)
        {
            errors.Add($"version is {pack.Version}, this build reads version {DomainPack.CurrentVersion}");
        }

        Required(errors, "name", pack.Name);
        Required(errors, "assistant", pack.Assistant);
        Required(errors, "product.name", pack.Product.Name);
        if (pack.Product.PricePerSeat < 0)
        {
            errors.Add("product.price_per_seat must not be negative");
        }

        if (pack.Product.YearlyDiscount is < 0 or > 1)
        {
            errors.Add("product.yearly_discount must be between 0 and 1");
        }

        var states = Enum.GetValues<ConversationState>().ToDictionary(s => s.ToWireName(), StringComparer.Ordinal);
        foreach (var key in pack.States.Keys.Where(k => !states.ContainsKey(k)))
        {
            errors.Add($"states.{key} is not a state (the states are {string.Join(", ", states.Keys)})");
        }

        foreach (var name in states.Keys)
        {
            if (!pack.States.TryGetValue(name, out var state))
            {
                errors.Add($"states.{name} is missing");
                continue;
            }

            Required(errors, $"states.{name}.goal", state.Goal);
            Variants(errors, $"states.{name}.replies", state.Replies, 2);
            foreach (var (from, to) in state.Intents)
            {
                if (!IntentNames.All.Contains(from, StringComparer.Ordinal) || !IntentNames.All.Contains(to, StringComparer.Ordinal))
                {
                    errors.Add($"states.{name}.intents.{from} maps '{from}' to '{to}'; both must be intents ({string.Join(", ", IntentNames.All)})");
                }
            }

            if (!state.AfterAnswer.Contains("{answer}", StringComparison.Ordinal))
            {
                errors.Add($"states.{name}.after_answer must contain {{answer}}");
            }
        }

        foreach (var name in ReplyNames.All)
        {
            Variants(errors, $"replies.{name}", pack.Replies.GetValueOrDefault(name), 1);
        }

        foreach (var key in pack.Replies.Keys.Where(k => !ReplyNames.All.Contains(k, StringComparer.Ordinal)))
        {
            errors.Add($"replies.{key} is not a reply name (the names are {string.Join(", ", ReplyNames.All)})");
        }

        foreach (var key in pack.ToneOpenings.Keys.Where(k => ToneOf(k) is null))
        {
            errors.Add($"tone_openings.{key} is not a tone (helpful, patient, apologetic, empathetic, empathetic_escalation)");
        }

        var intents = IntentNames.All.ToHashSet(StringComparer.Ordinal);
        foreach (var (intent, persona) in pack.Personas)
        {
            if (!intents.Contains(intent))
            {
                errors.Add($"personas.{intent} is not an intent (the intents are {string.Join(", ", IntentNames.All)})");
            }

            if (PersonaOf(persona) is null)
            {
                errors.Add($"personas.{intent} is '{persona}', not a persona (general, sales, tech_support, billing)");
            }
        }

        for (var i = 0; i < pack.Agents.Length; i++)
        {
            Required(errors, $"agents[{i}].name", pack.Agents[i].Name);
            if (PersonaOf(pack.Agents[i].Persona) is null)
            {
                errors.Add($"agents[{i}].persona is '{pack.Agents[i].Persona}', not a persona (general, sales, tech_support, billing)");
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < pack.Inputs.Length; i++)
        {
            var input = pack.Inputs[i];
            var at = $"inputs[{i}]";
            Required(errors, at + ".name", input.Name);
            if (input.Name.Length > 0 && !names.Add(input.Name))
            {
                errors.Add($"{at}.name '{input.Name}' appears twice");
            }

            if (!InputKinds.All.Contains(input.Kind))
            {
                errors.Add($"{at}.kind is '{input.Kind}', not one of {string.Join(", ", InputKinds.All)}");
            }

            if (!states.ContainsKey(input.State))
            {
                errors.Add($"{at}.state is '{input.State}', not a state");
            }

            Required(errors, at + ".prompt", input.Prompt);
            Required(errors, at + ".action", input.Action);
            if (!intents.Contains(input.AnswerIntent))
            {
                errors.Add($"{at}.answer_intent is '{input.AnswerIntent}', not an intent");
            }

            foreach (var hold in input.HoldOn.Where(h => !intents.Contains(h)))
            {
                errors.Add($"{at}.hold_on has '{hold}', not an intent");
            }

            if (input.Kind == InputKinds.Choice && (input.Choices.Length == 0 || input.Choices.Any(c => c.Value.Length == 0 || c.Cues.Length == 0)))
            {
                errors.Add($"{at}.choices must list values, each with cues, for a choice");
            }

            Variants(errors, at + ".reask", input.Reask, 1);
        }

        for (var i = 0; i < pack.Slots.Needs.Length; i++)
        {
            if (pack.Slots.Needs[i].Value.Length == 0 || pack.Slots.Needs[i].Cues.Length == 0)
            {
                errors.Add($"slots.needs[{i}] needs a value and cues");
            }
        }

        return errors;
    }

    private static void Prepare(DomainPack pack)
    {
        pack.ByState = Enum.GetValues<ConversationState>().ToDictionary(s => s, s => pack.States[s.ToWireName()]);
        pack.PersonaByIntent = pack.Personas.ToDictionary(p => p.Key, p => PersonaOf(p.Value)!.Value, StringComparer.Ordinal);
        pack.OpeningByTone = pack.ToneOpenings.ToDictionary(t => ToneOf(t.Key)!.Value, t => t.Value);
        foreach (var agent in pack.Agents)
        {
            agent.PersonaValue = PersonaOf(agent.Persona)!.Value;
        }

        var states = Enum.GetValues<ConversationState>().ToDictionary(s => s.ToWireName(), StringComparer.Ordinal);
        foreach (var input in pack.Inputs)
        {
            input.StateValue = states[input.State];
            input.Request = new WaitingForInput(input.Prompt, input.Name, input.Action, input.Suggestions);
        }

        pack.InputByName = pack.Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
    }

    private static Persona? PersonaOf(string name) => name switch
    {
        "general" => Persona.General,
        "sales" => Persona.Sales,
        "tech_support" => Persona.TechSupport,
        "billing" => Persona.Billing,
        _ => null,
    };

    private static Tone? ToneOf(string name) => name switch
    {
        "helpful" => Tone.Helpful,
        "patient" => Tone.Patient,
        "apologetic" => Tone.Apologetic,
        "empathetic" => Tone.Empathetic,
        "empathetic_escalation" => Tone.EmpatheticEscalation,
        _ => null,
    };

    private static void Required(List<string> errors, string field, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{field} is required");
        }
    }

    private static void Variants(List<string> errors, string field, string[]? variants, int least)
    {
        if (variants is null)
        {
            errors.Add($"{field} is missing");
        }
        else if (variants.Length < least || variants.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{field} needs at least {least} non-empty variant{(least > 1 ? "s" : string.Empty)}");
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
