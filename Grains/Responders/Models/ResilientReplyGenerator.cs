using System.Runtime.CompilerServices;
using Conversations.Grains.Interfaces.Protocol;
using Conversations.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Responders.Models;

/// <summary>
/// Calls the model under two deadlines (first token, whole reply) and a circuit breaker. When the model
/// fails, misses a deadline or its circuit is open, it reports a <see cref="ReplyFallback"/> and the
/// offline responder writes the reply instead, at once. The model's call is cancelled then and whatever
/// it still produces is dropped, so a late answer never reaches the conversation.
/// </summary>
public sealed partial class ResilientReplyGenerator(
    IReplyGenerator model,
    IReplyGenerator fallback,
    CircuitBreaker breaker,
    IOptionsMonitor<ModelOptions> options,
    TimeProvider timeProvider,
    ConversationInstruments instruments,
    ILogger<ResilientReplyGenerator> logger) : IReplyGenerator
{
    /// <summary>The responder name reported when the offline responder answered instead of the model.</summary>
    public const string FallbackResponderName = "offline-fallback";

    /// <inheritdoc />
    public string Name => model.Name;

    /// <inheritdoc />
    public async IAsyncEnumerable<ReplyEvent> GenerateAsync(
        ReplyContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcome = new ModelOutcome();
        if (breaker.TryEnter())
        {
            await foreach (var item in ModelAsync(context, outcome, cancellationToken))
            {
                yield return item;
            }
        }
        else
        {
            LogCircuitOpen(context.ConversationId, context.Turn);
            instruments.OnModelError(ModelErrorKinds.CircuitOpen);
            outcome.Failure = new ReplyFallback(
                ErrorCodes.LlmProcessingError,
                "The language model is unavailable just now; the reply comes from the fallback responder.",
                FallbackResponderName);
        }

        if (outcome.Failure is not { } failure)
        {
            yield break;
        }

        yield return failure;
        await foreach (var item in fallback.GenerateAsync(context, cancellationToken))
        {
            yield return item;
        }
    }

    // The model's events until it ends, fails or misses a deadline; a failure is left in the outcome.
    private async IAsyncEnumerable<ReplyEvent> ModelAsync(
        ReplyContext context,
        ModelOutcome outcome,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The deadlines in force when the call starts hold for the whole call, also if the settings change.
        var deadlines = options.CurrentValue;
        using var deadline = new CancellationTokenSource(deadlines.FirstTokenTimeout, timeProvider);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var startedAt = timeProvider.GetTimestamp();
        var sawText = false;
        var enumerator = model.GenerateAsync(context, call.Token).GetAsyncEnumerator(call.Token);
        var owned = true;
        try
        {
            while (true)
            {
                var next = enumerator.MoveNextAsync().AsTask();
                Exception? error = null;
                var more = false;
                try
                {
                    // The wait ends at the deadline even if the client library is slow to notice it.
                    more = await next.WaitAsync(call.Token);
                }
                catch (Exception exception)
                {
                    error = exception;
                }

                if (error is not null)
                {
                    await call.CancelAsync();
                    owned = false;
                    _ = DisposeLaterAsync(next, enumerator);
                    if (cancellationToken.IsCancellationRequested)
                    {
                        breaker.OnAbandoned();
                        throw new OperationCanceledException(cancellationToken);
                    }

                    outcome.Failure = Classify(context, error, deadline.IsCancellationRequested, sawText, timeProvider.GetElapsedTime(startedAt));
                    yield break;
                }

                if (!more)
                {
                    owned = false;
                    await enumerator.DisposeAsync();
                    breaker.OnSuccess();
                    instruments.OnModelCall("ok", timeProvider.GetElapsedTime(startedAt));
                    yield break;
                }

                if (enumerator.Current is ReplyText && !sawText)
                {
                    // The first token arrived: from now on only the whole-reply deadline counts.
                    sawText = true;
                    var left = deadlines.ReplyTimeout - timeProvider.GetElapsedTime(startedAt);
                    deadline.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            if (owned)
            {
                // The reader stopped early: the reply reached its length limit, or the turn was stopped.
                await call.CancelAsync();
                await enumerator.DisposeAsync();
                breaker.OnAbandoned();
            }
        }
    }

    private ReplyFallback Classify(ReplyContext context, Exception error, bool deadlinePassed, bool sawText, TimeSpan elapsed)
    {
        var opened = breaker.OnFailure();
        var kind = deadlinePassed ? ModelErrorKinds.Timeout : ModelErrorKinds.Error;
        instruments.OnModelError(kind);
        instruments.OnModelCall(kind, elapsed);
        if (deadlinePassed)
        {
            var which = sawText ? "whole-reply" : "first-token";
            LogDeadlineMissed(context.ConversationId, context.Turn, which, (long)elapsed.TotalMilliseconds, opened);
            return new ReplyFallback(
                ErrorCodes.LlmTimeout,
                $"The language model missed its {which} deadline; the reply comes from the fallback responder.",
                FallbackResponderName);
        }

        LogModelFailed(context.ConversationId, context.Turn, error.GetType().Name, (long)elapsed.TotalMilliseconds, opened);
        LogModelFailure(error, context.ConversationId, context.Turn);
        return new ReplyFallback(
            ErrorCodes.LlmProcessingError,
            "The language model failed; the reply comes from the fallback responder.",
            FallbackResponderName);
    }

    // The abandoned call is cancelled; once its pending step ends, the enumerator can be disposed.
    // Nothing it produced is looked at.
    private static async Task DisposeLaterAsync(Task<bool> pending, IAsyncEnumerator<ReplyEvent> enumerator)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Expected: the call failed or was cancelled.
        }

        try
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Nothing more to do with an abandoned call.
        }
    }

    private static class ModelErrorKinds
    {
        public const string Timeout = "timeout";
        public const string Error = "error";
        public const string CircuitOpen = "circuit_open";
    }

    private sealed class ModelOutcome
    {
        public ReplyFallback? Failure { get; set; }
    }
}
