using System.Text.Json;
using Conversations.Grains.Interfaces.Protocol;

namespace Conversations.Gateway.Dialects.SupportDesk;

/// <summary>
/// A reply (<c>assistant_message</c>) in the support desk's words: the persona as its agent, our tones under its
/// five names, frustration and the escalation prediction in <c>intent_data</c>. Used by its socket and its REST API.
/// </summary>
internal static class SupportDeskReply
{
    /// <summary>The escalation likelihood from which a person is recommended (as <c>Intelligence:HandoffThreshold</c> by default).</summary>
    public const double EscalateFrom = 0.8;

    /// <summary>The agent of a message an operator wrote.</summary>
    public const string HumanAgent = "human";

    /// <summary>The escalation likelihood from which the conversation is worth watching.</summary>
    public const double MonitorFrom = 0.5;

    /// <summary>The support desk's agent for one of our personas: it has no sales agent, whose questions its general agent took.</summary>
    public static string Agent(string? persona) => persona switch
    {
        "tech_support" => "tech_support",
        "billing" => "billing",
        _ => "general",
    };

    /// <summary>The support desk's name for one of our tones.</summary>
    public static string Tone(string? tone) => tone switch
    {
        "patient" => "understanding_adaptive",
        "apologetic" => "patient_alternative",
        "empathetic" => "empathetic_supportive",
        "empathetic_escalation" => "empathetic_escalation",
        _ => "helpful_friendly",
    };

    /// <summary>What to do about a likelihood of escalation.</summary>
    public static string Recommendation(double likelihood) =>
        likelihood >= EscalateFrom ? "escalate_to_human" : likelihood >= MonitorFrom ? "monitor_closely" : "continue_automated";

    /// <summary>The reply frame for an <c>assistant_message</c> log frame.</summary>
    public static byte[] Write(JsonElement frame) => DialectJson.Object(frame, WriteMembers);

    /// <summary>Writes the reply's members (inside an object already open).</summary>
    public static void WriteMembers(Utf8JsonWriter w, JsonElement frame)
    {
        var metadata = frame.GetProperty("metadata");
        var intent = frame.GetProperty("intent");
        var confidence = intent.GetProperty("confidence").GetDouble();
        var likelihood = metadata.TryGetProperty("escalation_likelihood", out var l) ? l.GetDouble() : 0;
        w.WriteString("role", "assistant");
        w.WriteString("content", DialectJson.Text(frame, "content"));

        // A person who took the conversation over answers as the support desk's human agent, by name.
        if (DialectJson.Text(frame, "author") == MessageAuthors.Operator)
        {
            w.WriteString("agent", HumanAgent);
            w.WriteString("agent_name", DialectJson.Text(frame, "author_name"));
        }
        else
        {
            w.WriteString("agent", Agent(DialectJson.Text(metadata, "persona")));
        }

        w.WriteString("intent", DialectJson.Text(intent, "name"));
        w.WriteStartObject("intent_data");
        w.WriteNumber("confidence", confidence);
        w.WriteNumber("frustration_level", metadata.TryGetProperty("frustration", out var f) ? f.GetInt32() : 0);
        w.WriteString("tone", Tone(DialectJson.Text(metadata, "tone")));
        w.WriteStartObject("escalation_prediction");
        w.WriteNumber("likelihood", likelihood);

        // The prediction rests on the classification of the message; its confidence is the classifier's.
        w.WriteNumber("confidence", confidence);
        w.WriteStartArray("factors");
        if (metadata.TryGetProperty("escalation_factors", out var factors))
        {
            foreach (var factor in factors.EnumerateArray())
            {
                w.WriteStringValue(DialectJson.Text(factor, "name"));
            }
        }

        w.WriteEndArray();
        w.WriteString("recommendation", Recommendation(likelihood));
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("conversation_id", DialectJson.Text(frame, "conversation_id"));
        w.WriteString("timestamp", DialectJson.Text(frame, "timestamp"));
    }
}
