using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;

namespace Conversations.Grains.Intelligence;

/// <summary>
/// The escalation likelihood as a sum of weighted factors: frustration (0.06 a point), fixes that failed
/// (0.12 each, at most 0.36), an upset user with a billing matter (0.1), and the user asking for a person
/// (1, which hands the conversation over whatever the threshold).
/// </summary>
public sealed class EscalationEstimator
{
    /// <summary>The factor for frustration.</summary>
    public const string Frustration = "frustration";

    /// <summary>The factor for fixes that did not work.</summary>
    public const string FailedAttempts = "failed_attempts";

    /// <summary>The factor for a frustrated user with a billing matter.</summary>
    public const string BillingDispute = "billing_dispute";

    /// <summary>The factor for a user who asked for a person.</summary>
    public const string AskedForHuman = "asked_for_human";

    /// <summary>Assesses a turn.</summary>
    public EscalationAssessment Assess(Intent intent, int frustration, int failedAttempts)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var factors = new List<EscalationFactor>();
        Add(factors, Frustration, 0.06 * Math.Clamp(frustration, 0, 10));
        Add(factors, FailedAttempts, Math.Min(0.36, 0.12 * Math.Max(0, failedAttempts)));
        Add(factors, BillingDispute, intent.Name == IntentNames.Billing && frustration >= 5 ? 0.1 : 0);
        var asked = intent.Name == IntentNames.HumanRequest;
        Add(factors, AskedForHuman, asked ? 1 : 0);
        factors.Sort((a, b) => b.Weight.CompareTo(a.Weight));
        var likelihood = Math.Round(Math.Min(1, factors.Sum(f => f.Weight)), 2);
        return new EscalationAssessment(likelihood, factors, asked);
    }

    private static void Add(List<EscalationFactor> factors, string name, double weight)
    {
        if (weight > 0)
        {
            factors.Add(new EscalationFactor(name, Math.Round(weight, 2)));
        }
    }
}
