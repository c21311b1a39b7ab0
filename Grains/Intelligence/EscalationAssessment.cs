using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Intelligence;

/// <summary>How likely a conversation needs a person, and why.</summary>
/// <param name="Likelihood">From 0 to 1, the sum of the factors' weights capped at 1.</param>
/// <param name="Factors">What adds to the likelihood, largest first.</param>
/// <param name="UserAsked">The user asked for a person.</param>
public sealed record EscalationAssessment(double Likelihood, IReadOnlyList<EscalationFactor> Factors, bool UserAsked)
{
    /// <summary>The user asked, or the likelihood reached <paramref name="threshold"/>.</summary>
    public bool ShouldHandOff(double threshold) => UserAsked || Likelihood >= threshold;
}
