using BenchmarkDotNet.Attributes;
using Conversations.Grains.Conversation;
using Conversations.Grains.Interfaces.Model;
using Conversations.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Conversations.Benchmarks;

/// <summary>
/// What a write of a conversation costs after 20 turns. Before the log: the whole checkpoint, replay window
/// included, through the Orleans serializer, once for every write (several a turn). With the log: one record
/// holding only the frames since the last write (here a delta, and a whole turn's frames), and now and then a
/// snapshot of the checkpoint without its frames.
/// </summary>
[MemoryDiagnoser]
public class CheckpointBenchmarks
{
    private ServiceProvider? _services;
    private Serializer<LegacyCheckpoint>? _legacy;
    private LogPayloadCodec? _codec;
    private LegacyCheckpoint? _checkpoint;
    private ConversationCheckpoint? _snapshot;
    private LogRecord? _oneDelta;
    private LogRecord? _wholeTurn;
    private byte[] _bytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _services = new ServiceCollection()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(ConversationCheckpoint).Assembly))
            .BuildServiceProvider();
        _legacy = _services.GetRequiredService<Serializer<LegacyCheckpoint>>();
        _codec = new LogPayloadCodec(_services.GetRequiredService<Serializer>());
        _checkpoint = Samples.Checkpoint(20);
        _snapshot = _checkpoint.ToCheckpoint();
        var turn = Samples.LastTurn(_checkpoint);
        var delta = turn.First(f => GatewayType(f) == "assistant_delta");
        _oneDelta = new LogRecord(200, delta.Seq, delta.Seq, [delta], []);
        _wholeTurn = new LogRecord(201, turn[0].Seq, turn[^1].Seq, turn, []);
        _bytes = _legacy.SerializeToArray(_checkpoint);
        Console.WriteLine(
            $"// after 20 turns: checkpoint with its window {_bytes.Length} bytes ({_checkpoint.ReplayWindow.Count} frames); " +
            $"snapshot {_codec.EncodeSnapshot(_snapshot).Length} bytes; record of one delta {_codec.EncodeRecord(_oneDelta).Length} bytes; " +
            $"record of a whole turn ({turn.Count} frames, {turn.Sum(f => f.Json.Length)} bytes of JSON) {_codec.EncodeRecord(_wholeTurn).Length} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => _services?.Dispose();

    /// <summary>Before the log: one write of the whole checkpoint.</summary>
    [Benchmark(Baseline = true)]
    public byte[] CheckpointWrite() => _legacy!.SerializeToArray(_checkpoint!);

    /// <summary>Before the log: an activation's read.</summary>
    [Benchmark]
    public LegacyCheckpoint CheckpointRead() => _legacy!.Deserialize(_bytes)!;

    /// <summary>The log: one write of one delta.</summary>
    [Benchmark]
    public byte[] RecordOfOneDelta() => _codec!.EncodeRecord(_oneDelta!);

    /// <summary>The log: one write of a whole turn's frames (compressed).</summary>
    [Benchmark]
    public byte[] RecordOfAWholeTurn() => _codec!.EncodeRecord(_wholeTurn!);

    /// <summary>The log: the snapshot, written once every 10 turns.</summary>
    [Benchmark]
    public byte[] Snapshot() => _codec!.EncodeSnapshot(_snapshot!);

    private static string GatewayType(LogFrame frame) => System.Text.Json.JsonDocument.Parse(frame.Json).RootElement.GetProperty("type").GetString()!;
}
