using Conversations.Grains.Responders.Models;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Grains.Tests.Models;

public sealed class CircuitBreakerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void OpensAfterTheThresholdOfConsecutiveFailures()
    {
        var breaker = Breaker(threshold: 3);
        Assert.False(breaker.OnFailure());
        Assert.False(breaker.OnFailure());
        Assert.True(breaker.TryEnter());

        Assert.True(breaker.OnFailure());

        Assert.False(breaker.TryEnter());
        Assert.False(breaker.AllowsCalls);
    }

    [Fact]
    public void SuccessResetsTheCountOfFailures()
    {
        var breaker = Breaker(threshold: 2);
        breaker.OnFailure();
        breaker.OnSuccess();

        Assert.False(breaker.OnFailure());
        Assert.True(breaker.TryEnter());
    }

    [Fact]
    public void AfterTheBreakOneTrialCallIsLetThroughAndItsSuccessClosesTheCircuit()
    {
        var breaker = Breaker(threshold: 1);
        breaker.OnFailure();
        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.True(breaker.TryEnter());
        Assert.False(breaker.TryEnter());
        breaker.OnSuccess();

        Assert.True(breaker.TryEnter());
        Assert.True(breaker.TryEnter());
    }

    [Fact]
    public void AFailedTrialOpensTheCircuitForAnotherBreak()
    {
        var breaker = Breaker(threshold: 1);
        breaker.OnFailure();
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(breaker.TryEnter());

        Assert.True(breaker.OnFailure());

        Assert.False(breaker.TryEnter());
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(breaker.TryEnter());
    }

    private CircuitBreaker Breaker(int threshold) =>
        new(new CircuitBreakerOptions { FailureThreshold = threshold, BreakDuration = TimeSpan.FromSeconds(30) }, _time);
}
