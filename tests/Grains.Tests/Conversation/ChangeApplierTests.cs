using System.Text.Json;
using Conversations.Grains.Conversation;
using Conversations.Grains.Conversation.Changes;
using Conversations.Grains.Conversation.Turns;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Conversations.Grains.Tests.Conversation;

public sealed class ChangeApplierTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void AnAcceptedMessageIsRememberedAndWaitsForItsReply()
    {
        var checkpoint = new ConversationCheckpoint();
        Engine.Applier().Apply(checkpoint, Accepted(1, "m1", "Ana"));

        Assert.Equal(1, checkpoint.TurnCount);
        Assert.Equal("Ana", checkpoint.UserName);
        Assert.Equal("m1", Assert.Single(checkpoint.ProcessedMessages).Id);
        Assert.Equal(1, Assert.Single(checkpoint.PendingTurns).Turn);
        Assert.Equal(Now, checkpoint.CreatedAt);
    }

    [Fact]
    public void EveryStartOfATurnCountsAsAnAttempt()
    {
        var checkpoint = new ConversationCheckpoint();
        var applier = Engine.Applier();
        applier.Apply(checkpoint, Accepted(1, "m1"));
        applier.Apply(checkpoint, new TurnStarted(Now, 1));
        applier.Apply(checkpoint, new TurnStarted(Now, 1));

        Assert.Equal(2, checkpoint.PendingTurns[0].AttemptsMade);
        Assert.True(checkpoint.PendingTurns[0].Started);
    }

    [Fact]
    public void TurnsBeyondTheRecentOnesAreFoldedIntoTheSummary()
    {
        var checkpoint = new ConversationCheckpoint();
        var applier = Engine.Applier(new ConversationOptions { RecentTurns = 2 });
        for (var turn = 1; turn <= 3; turn++)
        {
            applier.Apply(checkpoint, Accepted(turn, $"m{turn}"));
            applier.Apply(checkpoint, Committed(turn, ConversationState.InitialContact, ConversationState.InitialContact));
        }

        Assert.Equal([2, 3], checkpoint.RecentTurns.Select(t => t.Turn));
        Assert.Contains("Turn 1", checkpoint.Summary, StringComparison.Ordinal);
        Assert.Equal(3, checkpoint.CompletedReplies);
        Assert.Empty(checkpoint.PendingTurns);
    }

    [Fact]
    public void ACheckpointRebuiltFromASnapshotAndTheChangesAfterItEqualsTheOneTheyWereMadeOn()
    {
        var codec = new LogPayloadCodec(_services.GetRequiredService<Serializer>());
        var applier = Engine.Applier(new ConversationOptions { RecentTurns = 3, RememberedMessageIds = 16, MaxPendingTurns = 16 });
        var changes = new List<ConversationChange>
        {
            Accepted(1, "m1", "Ana"),
            new OwnerClaimed(Now, "user-1"),
            new TurnStarted(Now, 1),
            Committed(1, ConversationState.InitialContact, ConversationState.InterestQualification),
            Accepted(2, "m2"),
            new TurnStarted(Now, 2),
            Committed(2, ConversationState.InterestQualification, ConversationState.ValueProposition),
            new TurnRated(Now, new TurnFeedback(1, 5, "good", Now)),
            Accepted(3, "m3"),
            new TurnClosedWithoutReply(Now, Summary(3, ConversationState.ValueProposition, ConversationState.ValueProposition)),
            Accepted(4, "m4"),
            new TurnStarted(Now, 4),
            new HandedBack(Now),
            Accepted(5, "m5"),
            new TurnStarted(Now, 5),
            Committed(5, ConversationState.ValueProposition, ConversationState.ValueProposition) with { HandoffReason = "user_requested" },
            new OperatorJoined(Now, Dana),
            new OperatorReplied(Now, Dana, 5, "Dana here."),
            new HandedBack(Now, Dana),
            Accepted(6, "m6"),
            new TurnStarted(Now, 6),
            Committed(6, ConversationState.ValueProposition, ConversationState.ValueProposition) with { HandoffReason = "escalation_threshold" },
            new OperatorJoined(Now, new OperatorIdentity("sam", "Sam")),
            new OperatorReplied(Now, new OperatorIdentity("sam", "Sam"), 6, "Sam here."),
        };

        for (var cut = 0; cut <= changes.Count; cut++)
        {
            var live = new ConversationCheckpoint();
            foreach (var change in changes)
            {
                applier.Apply(live, change);
            }

            var early = new ConversationCheckpoint();
            foreach (var change in changes.Take(cut))
            {
                applier.Apply(early, change);
            }

            var rebuilt = codec.DecodeSnapshot(codec.EncodeSnapshot(early));
            foreach (var change in changes.Skip(cut))
            {
                applier.Apply(rebuilt, change);
            }

            // Compared member by member (the binary encodings differ where the live checkpoint shares instances).
            Assert.Equal(JsonSerializer.Serialize(live), JsonSerializer.Serialize(rebuilt));
        }
    }

    [Fact]
    public void AnOperatorHoldsTheConversationFromJoiningUntilItIsHandedBack()
    {
        var applier = Engine.Applier(new ConversationOptions());
        var checkpoint = new ConversationCheckpoint();
        applier.Apply(checkpoint, Accepted(1, "m1"));
        applier.Apply(checkpoint, Committed(1, ConversationState.InitialContact, ConversationState.InitialContact) with { HandoffReason = "user_requested" });
        applier.Apply(checkpoint, new OperatorJoined(Now, Dana));
        applier.Apply(checkpoint, new OperatorReplied(Now, Dana, 1, "Dana here."));
        Assert.Equal((Dana, "user_requested", 1), (checkpoint.Operator, checkpoint.HandoffReason, checkpoint.OperatorReplies));

        applier.Apply(checkpoint, new HandedBack(Now, Dana));

        Assert.Equal((null, null, null, 1), (checkpoint.Operator, checkpoint.HandoffReason, checkpoint.HandedOffAt, checkpoint.OperatorReplies));
        Assert.False(checkpoint.Signals.HandedOff);
    }

    [Fact]
    public void ChangesSurviveTheRecordFormat()
    {
        var codec = new LogPayloadCodec(_services.GetRequiredService<Serializer>());
        var frames = Enumerable.Range(1, 30).Select(i => new LogFrame(i, 1, System.Text.Encoding.UTF8.GetBytes($"{{\"type\":\"assistant_delta\",\"seq\":{i},\"delta\":\"piece {i} of the reply\"}}"))).ToArray();
        ConversationChange[] changes =
        [
            Accepted(1, "m1"),
            Committed(1, ConversationState.InitialContact, ConversationState.InterestQualification) with { HandoffReason = "user_requested" },
            new OperatorJoined(Now, Dana),
            new OperatorReplied(Now, Dana, 1, "Dana here."),
            new HandedBack(Now, Dana),
        ];
        var payload = codec.EncodeRecord(new LogRecord(1, 1, 30, frames, changes));

        var decoded = codec.DecodeRecord(payload);

        Assert.Equal(frames.Select(f => f.Json), decoded.Frames.Select(f => f.Json));
        Assert.Equal(changes, decoded.Changes);
        Assert.True(payload.Length < frames.Sum(f => f.Json.Length), "a record of many frames is stored compressed");
    }

    [Fact]
    public void RecordsWrittenInTheFirstFormatAreStillRead()
    {
        var serializer = _services.GetRequiredService<Serializer>();
        var codec = new LogPayloadCodec(serializer);
        List<LogFrame> frames = [new(7, 1, System.Text.Encoding.UTF8.GetBytes("{\"type\":\"assistant_delta\",\"seq\":7,\"delta\":\"a piece\"}"))];
        List<ConversationChange> changes = [Accepted(1, "m1")];
        byte[] firstFormat = [0, .. serializer.SerializeToArray(new StoredRecordPayload(frames, changes))];

        var decoded = codec.DecodeRecord(firstFormat);

        Assert.Equal(frames.Select(f => f.Json), decoded.Frames.Select(f => f.Json));
        Assert.Equal(changes, decoded.Changes);
    }

    [Fact]
    public void ARecordNamesNoCollectionTypeAndIsSmallerThanInTheFirstFormat()
    {
        var serializer = _services.GetRequiredService<Serializer>();
        var codec = new LogPayloadCodec(serializer);
        var json = System.Text.Encoding.UTF8.GetBytes("{\"type\":\"assistant_delta\",\"conversation_id\":\"c-1\",\"seq\":8,\"turn\":1,\"delta\":\"shared inbox. \"}");
        var record = new LogRecord(3, 8, 8, [new LogFrame(8, 1, json)], []);

        var payload = codec.EncodeRecord(record);
        var firstFormat = serializer.SerializeToArray(new StoredRecordPayload(record.Frames.ToList(), record.Changes.ToList()));

        Assert.DoesNotContain("System.Collections", System.Text.Encoding.Latin1.GetString(payload), StringComparison.Ordinal);
        Assert.True(payload.Length < json.Length + 40, $"a record of one delta is its JSON and a few bytes ({payload.Length} for {json.Length})");
        Assert.True(payload.Length + 100 < firstFormat.Length, $"{payload.Length} bytes now, {firstFormat.Length} in the first format");
    }

    private static MessageAccepted Accepted(int turn, string id, string? userName = null) =>
        new(Now, new PendingTurn(turn, new UserMessage(id, $"message {turn}", userName, null), Now, Started: false), turn * 10);

    private static readonly OperatorIdentity Dana = new("dana", "Dana");

    private static TurnCommitted Committed(int turn, ConversationState from, ConversationState to) =>
        new(
            Now,
            Summary(turn, from, to),
            from == to ? null : new StateTransitionRecord(from, to, "intent interest", turn, Now),
            Grains.Intelligence.ConversationSignals.Initial with { Frustration = turn },
            null);

    private static TurnSummary Summary(int turn, ConversationState from, ConversationState to) =>
        new(turn, $"message {turn}", $"reply {turn}", from, to, new Intent(IntentNames.Interest, 0.8), 100, false);
}
