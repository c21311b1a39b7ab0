using BenchmarkDotNet.Attributes;
using Conversations.Grains.Conversation;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Interfaces.Protocol;

namespace Conversations.Benchmarks;

/// <summary>Server frames serialized with the source-generated <see cref="ProtocolJsonContext"/>, once per frame in the grain.</summary>
[MemoryDiagnoser]
public class ServerFrameBenchmarks
{
    private readonly AssistantMessageMetadata _metadata = new(171, "offline", Persona: Persona.Sales, Tone: Tone.Helpful, Frustration: 0, EscalationLikelihood: 0, ConversionProbability: 0.12);
    private long _seq;

    [Benchmark(Baseline = true)]
    public LogFrame Delta() => LogFrames.Delta(new FrameHeader("bench-conversation-0001", ++_seq, Samples.Now), 3, "help a lot of teams ");

    [Benchmark]
    public LogFrame Ack() => LogFrames.Ack(new FrameHeader("bench-conversation-0001", ++_seq, Samples.Now), 3, "m-000042");

    [Benchmark]
    public LogFrame AssistantMessage() =>
        LogFrames.AssistantMessage(
            new FrameHeader("bench-conversation-0001", ++_seq, Samples.Now),
            3,
            "Great, Ana! We help a lot of teams with CRM. How large is your team, and what do you use today?",
            ConversationState.InterestQualification,
            ConversationState.InitialContact,
            new Intent("interest", 0.75),
            _metadata);
}
