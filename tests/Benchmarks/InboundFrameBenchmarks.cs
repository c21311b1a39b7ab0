using BenchmarkDotNet.Attributes;
using Conversations.Gateway.Hosting;
using Conversations.Gateway.WebSockets;
using Conversations.Grains.Settings;

namespace Conversations.Benchmarks;

/// <summary>The gateway's first step for every client frame: parse and check it.</summary>
[MemoryDiagnoser]
public class InboundFrameBenchmarks
{
    private readonly InboundFrameParser _parser = new(new FixedOptionsMonitor<GatewayOptions>(new GatewayOptions()));
    private readonly byte[] _invalid = """{"type":"user_message","id":"m-1","content":""}"""u8.ToArray();

    [Benchmark(Baseline = true)]
    public InboundFrame ParseUserMessage() => _parser.Parse(Samples.UserMessageFrame);

    [Benchmark]
    public InboundFrame ParseInvalidUserMessage() => _parser.Parse(_invalid);
}
