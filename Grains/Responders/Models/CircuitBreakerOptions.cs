namespace Conversations.Grains.Responders.Models;

/// <summary>When to stop calling a failing model (<c>Responders:CircuitBreaker</c>).</summary>
public sealed class CircuitBreakerOptions
{
    /// <summary>Consecutive failed replies (errors or missed deadlines) that open the circuit. Default 5.</summary>
    public int FailureThreshold { get; set; } = 5;

    /// <summary>
    /// How long an open circuit answers from the fallback without calling the model; then one call is let
    /// through to try it again. Default 30 seconds.
    /// </summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
