using System.Diagnostics;
using System.Globalization;
using Conversations.Grains.Intelligence.Embeddings;
using Conversations.Grains.Intents;

namespace Conversations.Benchmarks;

/// <summary>
/// <c>classification</c>: the latency of one intent classification on one core. The process is pinned to its
/// first core; every message of the labelled sets is classified, five rounds after a warm-up round, one at a
/// time, and the percentiles of single calls are printed with the model's load time and memory.
/// </summary>
public static class ClassificationLatency
{
    /// <summary>Runs the measurement and prints it.</summary>
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            Process.GetCurrentProcess().ProcessorAffinity = 1;
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = Environment.WorkingSet;
        var load = Stopwatch.StartNew();
        var embedder = EmbeddingModel.Shared.Embedder ?? throw new InvalidOperationException(EmbeddingModel.Shared.Failure);
        var cues = new CueIntentClassifier();
        var model = new IntentModel(embedder, cues, IntentModel.LoadShippedWeights());
        load.Stop();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var workingSet = Environment.WorkingSet - workingSetBefore;
        var messages = Messages();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model {EmbeddingModel.Name} loaded in {load.ElapsedMilliseconds} ms (embedding model {embedder.LoadTime.TotalMilliseconds:0} ms); working set +{workingSet / 1048576} MB, managed heap +{(GC.GetTotalMemory(true) - before) / 1048576} MB"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{messages.Length} messages, 1 core (processor affinity 1), 5 rounds after a warm-up round"));
        Report(output, "learned model (embedding + cues + regression)", messages, text => model.Classify(text));
        Report(output, "cue classifier alone", messages, text => cues.Classify(text));
        return 0;
    }

    private static void Report(TextWriter output, string name, string[] messages, Action<string> classify)
    {
        foreach (var text in messages)
        {
            classify(text);
        }

        var wall = new List<double>(messages.Length * 5);
        var cpu = new List<double>(messages.Length * 5);
        for (var round = 0; round < 5; round++)
        {
            foreach (var text in messages)
            {
                var start = Stopwatch.GetTimestamp();
                var cpuStart = ThreadClock.Milliseconds();
                classify(text);
                cpu.Add(ThreadClock.Milliseconds() - cpuStart);
                wall.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}, {wall.Count} calls:"));
        output.WriteLine(Percentiles("  elapsed", wall));
        if (ThreadClock.Available)
        {
            // Elapsed time includes waiting for the core when other processes share it; CPU time does not.
            output.WriteLine(Percentiles("  thread CPU time", cpu));
        }
    }

    private static string Percentiles(string name, List<double> samples)
    {
        samples.Sort();
        double At(double p) => samples[Math.Min(samples.Count - 1, (int)(p * samples.Count))];
        return string.Create(CultureInfo.InvariantCulture, $"{name}: p50 {At(0.5):0.000} ms, p90 {At(0.9):0.000} ms, p99 {At(0.99):0.000} ms, max {samples[^1]:0.000} ms");
    }

    private static string[] Messages() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data"), "intents*.csv")
            .SelectMany(f => File.ReadLines(f).Skip(1))
            .Select(line => line.StartsWith('"') ? line[1..line.IndexOf('"', 1)] : line[..line.IndexOf(',', StringComparison.Ordinal)])
            .ToArray();
}
