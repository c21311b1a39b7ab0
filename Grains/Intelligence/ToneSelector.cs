using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Intelligence;

/// <summary>
/// Picks the reply's tone from frustration and from fixes that failed, whichever calls for more care;
/// a hand-over to a person is always <see cref="Tone.EmpatheticEscalation"/>.
/// </summary>
public sealed class ToneSelector
{
    /// <summary>The tone for a turn.</summary>
    public Tone Choose(int frustration, int failedAttempts, bool handingOff)
    {
        if (handingOff)
        {
            return Tone.EmpatheticEscalation;
        }

        var byFrustration = frustration switch
        {
            <= 2 => 0,
            <= 4 => 1,
            <= 6 => 2,
            <= 8 => 3,
            _ => 4,
        };
        var byAttempts = Math.Clamp(failedAttempts, 0, 4);
        return (Tone)Math.Max(byFrustration, byAttempts);
    }
}
