using BenchmarkDotNet.Attributes;
using Conversations.Grains.Intents;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.StateMachine;

namespace Conversations.Benchmarks;

/// <summary>The pure decisions of every turn: classify the message, then decide the transition.</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private readonly CueIntentClassifier _cues = new();
    private readonly IntentModel _model = new(
        Grains.Intelligence.Embeddings.EmbeddingModel.Shared.Embedder!, new CueIntentClassifier(), IntentModel.LoadShippedWeights());
    private readonly ConversationStateMachine _machine = new();
    private readonly Intent _pricing = new("pricing", 0.8);
    private int _next;

    [Benchmark(Baseline = true)]
    public Intent ClassifyIntentByCues() => _cues.Classify(Samples.Messages[_next++ % Samples.Messages.Length]);

    [Benchmark]
    public Intent ClassifyIntentByModel() => _model.Classify(Samples.Messages[_next++ % Samples.Messages.Length]);

    [Benchmark]
    public TransitionDecision DecideTransition() => _machine.Decide(ConversationState.ValueProposition, _pricing);
}
