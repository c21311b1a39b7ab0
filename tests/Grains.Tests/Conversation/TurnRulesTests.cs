using System.Text;
using Conversations.Grains.Conversation;
using Conversations.Grains.Conversation.Changes;
using Conversations.Grains.Conversation.Turns;
using Conversations.Grains.Intelligence;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;
using Microsoft.Extensions.Time.Testing;

namespace Conversations.Grains.Tests.Conversation;

public sealed class TurnRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AMessageIdSeenBeforeGetsItsOriginalAckByteForByteAndNoTurn()
    {
        var (checkpoint, log) = Conversation();
        var rules = Engine.Rules();
        var message = Message("m1");
        var ack = Accept(rules, checkpoint, log, message);

        var again = rules.PlanSubmit(checkpoint, message, "c-1");

        Assert.Equal(SubmitKind.Duplicate, again.Kind);
        Assert.Equal(ack.Json, again.OriginalAck!.Json);
        Assert.Equal(1, checkpoint.TurnCount);
    }

    [Fact]
    public void UnderTheRejectPolicyASecondMessageWhileAReplyRunsIsBusy()
    {
        var (checkpoint, log) = Conversation();
        var rules = Engine.Rules(new ConversationOptions { DoubleTexting = DoubleTextingPolicy.Reject });
        Accept(rules, checkpoint, log, Message("m1"));
        Assert.Equal(SubmitKind.Busy, rules.PlanSubmit(checkpoint, Message("m2"), "c-1").Kind);
    }

    [Fact]
    public void UnderTheInterruptPolicyASecondMessageCancelsTheRunningReply()
    {
        var (checkpoint, log) = Conversation();
        var rules = Engine.Rules(new ConversationOptions { DoubleTexting = DoubleTextingPolicy.Interrupt });
        Accept(rules, checkpoint, log, Message("m1"));

        var second = rules.PlanSubmit(checkpoint, Message("m2"), "c-1");

        Assert.Equal(SubmitKind.Accept, second.Kind);
        Assert.True(second.InterruptRunning);
        Assert.Equal(2, second.Turn);
    }

    [Fact]
    public void AFullQueueOfTurnsRefusesTheNextMessageAsBusy()
    {
        var (checkpoint, log) = Conversation();
        var rules = Engine.Rules(new ConversationOptions { MaxPendingTurns = 3 });
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(SubmitKind.Accept, rules.PlanSubmit(checkpoint, Message($"m{i}"), "c-1").Kind);
            Accept(rules, checkpoint, log, Message($"m{i}"));
        }

        Assert.Equal(SubmitKind.Busy, rules.PlanSubmit(checkpoint, Message("m4"), "c-1").Kind);
        Assert.Equal(SubmitKind.Duplicate, rules.PlanSubmit(checkpoint, Message("m1"), "c-1").Kind);
    }

    [Fact]
    public void WhileAPersonHasTheConversationAMessageIsAcceptedSilently()
    {
        var (checkpoint, _) = Conversation();
        checkpoint.Signals = checkpoint.Signals with { HandedOff = true };
        var decision = Engine.Rules().PlanSubmit(checkpoint, Message("m1"), "c-1");
        Assert.True(decision.Silent);
    }

    [Fact]
    public void ATurnStartedAsOftenAsAllowedIsGivenUpWithAnErrorAndItsMessageKept()
    {
        var (checkpoint, log) = Conversation();
        var rules = Engine.Rules(new ConversationOptions { MaxTurnAttempts = 2 });
        var applier = Engine.Applier();
        Accept(rules, checkpoint, log, Message("m1", "Tell me about pricing"));
        applier.Apply(checkpoint, new TurnStarted(Now, 1));
        Assert.Equal(TurnStep.Answer, rules.NextStep(checkpoint));
        applier.Apply(checkpoint, new TurnStarted(Now, 1));
        Assert.Equal(TurnStep.GiveUp, rules.NextStep(checkpoint));

        var outcome = rules.GiveUp(checkpoint, checkpoint.PendingTurns[0], Now);
        var error = log.Append(outcome.Frames.Single());
        applier.Apply(checkpoint, outcome.Change);

        Assert.Contains("\"error_code\":\"INTERNAL_ERROR\"", Encoding.UTF8.GetString(error.Json), StringComparison.Ordinal);
        Assert.True(error.EndsTurn);
        Assert.Empty(checkpoint.PendingTurns);
        var kept = Assert.Single(checkpoint.RecentTurns);
        Assert.Equal("Tell me about pricing", kept.UserMessage);
        Assert.True(kept.Failed);
    }

    [Fact]
    public void CommittingATurnAnnouncesTheTransitionAndEndsWithTheWholeReply()
    {
        var (checkpoint, log) = Conversation();
        var rules = Engine.Rules();
        Accept(rules, checkpoint, log, Message("m1", "Hi, we are looking for a CRM for our sales team"));
        var plan = rules.PlanTurn(checkpoint, checkpoint.PendingTurns[0], new Intent(IntentNames.Interest, 0.9));

        var outcome = rules.CommitTurn(checkpoint, plan, new ReplyResult("Great! How large is your team?", "offline", null, Cancelled: false), 120, Now);
        var frames = outcome.Frames.Select(log.Append).Select(f => Encoding.UTF8.GetString(f.Json)).ToList();

        Assert.Contains("\"content\":\"state_changed\"", frames[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"type\":\"assistant_message\"", frames[^1], StringComparison.Ordinal);
        Assert.Contains("\"content\":\"Great! How large is your team?\"", frames[^1], StringComparison.Ordinal);
        var committed = Assert.IsType<TurnCommitted>(outcome.Change);
        Assert.Equal(ConversationState.InterestQualification, committed.Transition!.To);
        Assert.Equal(ConversationState.InitialContact, checkpoint.State);
    }

    [Fact]
    public void ACancelledReplyLeavesTheStateTheSignalsAndTheInterruptAsTheyWere()
    {
        var (checkpoint, log) = Conversation();
        var rules = Engine.Rules();
        Accept(rules, checkpoint, log, Message("m1", "This is terrible, nothing works"));
        var before = checkpoint.Signals;
        var plan = rules.PlanTurn(checkpoint, checkpoint.PendingTurns[0], new Intent(IntentNames.Interest, 0.9));

        var outcome = rules.CommitTurn(checkpoint, plan, new ReplyResult("Grea", "offline", null, Cancelled: true), 50, Now);

        var committed = Assert.IsType<TurnCommitted>(outcome.Change);
        Assert.Null(committed.Transition);
        Assert.Equal(before, committed.Signals);
        Assert.True(committed.Turn.Cancelled);
        Assert.Single(outcome.Frames);
    }

    [Fact]
    public void APlanTakesTheStateMachinesDecisionUnlessTheTurnAsksAgainOrHandsOff()
    {
        var (checkpoint, log) = Conversation();
        var rules = Engine.Rules();
        checkpoint.State = ConversationState.ValueProposition;
        Accept(rules, checkpoint, log, Message("m1", "What does it cost?"));

        var plan = rules.PlanTurn(checkpoint, checkpoint.PendingTurns[0], new Intent(IntentNames.Pricing, 0.9));
        Assert.Equal(ConversationState.PriceNegotiation, plan.Decision.To);

        checkpoint.WaitingForInput = InterruptPlanner.EmailRequest;
        var waiting = rules.PlanTurn(checkpoint, checkpoint.PendingTurns[0], new Intent(IntentNames.Question, 0.9));
        Assert.Equal(ConversationState.ValueProposition, waiting.Decision.To);
        Assert.NotNull(waiting.Insight.Reask);
    }

    private static (ConversationCheckpoint Checkpoint, ConversationLog Log) Conversation() =>
        (new ConversationCheckpoint(), new ConversationLog("c-1", 10, 1000, new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))));

    private static UserMessage Message(string id, string content = "Hello") => new(id, content, null, null);

    private static LogFrame Accept(TurnRules rules, ConversationCheckpoint checkpoint, ConversationLog log, UserMessage message)
    {
        var decision = rules.PlanSubmit(checkpoint, message, "c-1");
        FrameHeader header = default;
        var ack = log.Append(h =>
        {
            header = h;
            return LogFrames.Ack(h, decision.Turn, message.Id, decision.Silent);
        });
        Engine.Applier().Apply(checkpoint, TurnRules.Accepted(decision, message, header, null));
        return ack;
    }
}
