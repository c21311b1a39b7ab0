using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release --project tests/Benchmarks -- classification: one intent classification's latency on one core.
if (args is ["classification"])
{
    return Conversations.Benchmarks.ClassificationLatency.Run(Console.Out);
}

// In-process: no generated project is built, so the repository's build rules (warnings as errors) never
// meet BenchmarkDotNet's generated code. ShortRun by default; pass --job to choose another.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(typeof(Conversations.Benchmarks.Samples).Assembly).Run(args, config);
return 0;
