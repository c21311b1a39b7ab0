namespace Conversations.Grains.Responders.Models;

/// <summary>
/// Counts consecutive failed model replies; after <see cref="CircuitBreakerOptions.FailureThreshold"/> of them
/// the model is not called for <see cref="CircuitBreakerOptions.BreakDuration"/>, then one call is let
/// through to try it again. Shared by every conversation of the silo; thread-safe.
/// </summary>
public sealed class CircuitBreaker(CircuitBreakerOptions options, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private int _failures;
    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;
    private bool _trialRunning;

    /// <summary>Whether the model may be called now. A half-open circuit lets one caller through at a time.</summary>
    public bool TryEnter()
    {
        lock (_lock)
        {
            if (_failures < options.FailureThreshold)
            {
                return true;
            }

            if (timeProvider.GetUtcNow() < _openUntil || _trialRunning)
            {
                return false;
            }

            _trialRunning = true;
            return true;
        }
    }

    /// <summary>Whether the circuit is closed or half-open, without taking the half-open trial call.</summary>
    public bool AllowsCalls
    {
        get
        {
            lock (_lock)
            {
                return _failures < options.FailureThreshold || timeProvider.GetUtcNow() >= _openUntil;
            }
        }
    }

    /// <summary>The model answered: the circuit closes.</summary>
    public void OnSuccess()
    {
        lock (_lock)
        {
            _failures = 0;
            _trialRunning = false;
        }
    }

    /// <summary>The model failed or missed a deadline; returns whether the circuit is now open.</summary>
    public bool OnFailure()
    {
        lock (_lock)
        {
            _trialRunning = false;
            if (++_failures >= options.FailureThreshold)
            {
                _openUntil = timeProvider.GetUtcNow() + options.BreakDuration;
                return true;
            }

            return false;
        }
    }

    /// <summary>The call ended without a verdict on the model (the user cancelled it).</summary>
    public void OnAbandoned()
    {
        lock (_lock)
        {
            _trialRunning = false;
        }
    }
}
