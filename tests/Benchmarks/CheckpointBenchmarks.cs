using BenchmarkDotNet.Attributes;
using Conversations.Grains.Conversation;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Conversations.Benchmarks;

/// <summary>
/// The conversation checkpoint after 20 turns through the Orleans serializer, which is how grain storage
/// writes it (an <c>OrleansGrainStorageSerializer</c>) after every turn.
/// </summary>
[MemoryDiagnoser]
public class CheckpointBenchmarks
{
    private ServiceProvider? _services;
    private Serializer<ConversationCheckpoint>? _serializer;
    private ConversationCheckpoint? _checkpoint;
    private byte[] _bytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(ConversationCheckpoint).Assembly))
            .BuildServiceProvider();
        _serializer = _services.GetRequiredService<Serializer<ConversationCheckpoint>>();
        _checkpoint = Samples.Checkpoint(20);
        _bytes = _serializer.SerializeToArray(_checkpoint);
        Console.WriteLine($"// checkpoint after 20 turns: {_bytes.Length} bytes serialized, {_checkpoint.ReplayWindow.Count} frames in the replay window");
    }

    [GlobalCleanup]
    public void Cleanup() => _services?.Dispose();

    [Benchmark(Baseline = true)]
    public byte[] Serialize() => _serializer!.SerializeToArray(_checkpoint!);

    [Benchmark]
    public ConversationCheckpoint Deserialize() => _serializer!.Deserialize(_bytes)!;

    [Benchmark]
    public ConversationCheckpoint RoundTrip() => _serializer!.Deserialize(_serializer.SerializeToArray(_checkpoint!))!;
}
