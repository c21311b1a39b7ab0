using System.Text.Json.Serialization;

namespace Conversations.Grains.Interfaces.Model;

/// <summary>How a reply sounds, from plain help to an empathetic hand-over to a person.</summary>
[GenerateSerializer]
public enum Tone
{
    /// <summary>Calm user, nothing failed: friendly and to the point.</summary>
    [JsonStringEnumMemberName("helpful")]
    Helpful = 0,

    /// <summary>Some impatience or one failed attempt: slower, step by step.</summary>
    [JsonStringEnumMemberName("patient")]
    Patient = 1,

    /// <summary>Clear annoyance or repeated failures: owns the trouble first.</summary>
    [JsonStringEnumMemberName("apologetic")]
    Apologetic = 2,

    /// <summary>A frustrated user: acknowledges the feeling before anything else.</summary>
    [JsonStringEnumMemberName("empathetic")]
    Empathetic = 3,

    /// <summary>An angry or stuck user: empathy and an offer of a person.</summary>
    [JsonStringEnumMemberName("empathetic_escalation")]
    EmpatheticEscalation = 4,
}
