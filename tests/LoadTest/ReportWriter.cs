using System.Globalization;
using System.Text.Json;

namespace Conversations.LoadTest;

/// <summary>Writes a <see cref="LoadReport"/> as a table for people and as JSON for scripts.</summary>
public static class ReportWriter
{
    /// <summary>The report as an aligned text table.</summary>
    public static void WriteTable(LoadReport report, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        var target = report.Baseline ? "echo server (baseline)" : "gateway";
        output.WriteLine(string.Create(c, $"run {report.RunId}: {report.Mode} loop against {target}, {report.ConnectionsOpened}/{report.Connections} sockets, {report.DurationSeconds:F1} s"));
        Row(output, "turns started / acked / completed", string.Create(c, $"{report.TurnsStarted} / {report.TurnsAcked} / {report.TurnsCompleted}"));
        Row(output, "turns timed out / skipped", string.Create(c, $"{report.TurnsTimedOut} / {report.TurnsSkipped}"));
        Row(output, "turns/s", report.TurnsPerSecond.ToString("F1", c));
        Row(output, "frames received, frames/s", string.Create(c, $"{report.FramesReceived}, {report.FramesPerSecond:F0} ({report.FramesPerTurn:F1} per turn)"));
        output.WriteLine(string.Create(c, $"  {"latency (ms)",-36}{"n",9}{"p50",9}{"p95",9}{"p99",9}{"max",9}"));
        Latency(output, "ack", report.AckMs);
        Latency(output, "first assistant_delta", report.FirstDeltaMs);
        Latency(output, "assistant_message (whole turn)", report.TurnMs);
        Latency(output, "connect", report.ConnectMs);
        Latency(output, "reconnect (drop to open)", report.ReconnectMs);
        Row(output, "reconnects (storm + recoveries)", string.Create(c, $"{report.Reconnects} ({report.Failovers} to another gateway), unexpected disconnects {report.UnexpectedDisconnects}, failed attempts {report.ConnectAttemptsFailed}, connect failures {report.ConnectFailures}, resyncs {report.Resyncs}, retries {report.Retries}"));
        Row(output, "errors by code", report.Errors.Count == 0 ? "none" : string.Join(", ", report.Errors.Select(e => string.Create(c, $"{e.Key} {e.Value}"))));
        var v = report.Violations;
        Row(output, "violations", string.Create(c, $"lost {v.LostFrames}, duplicate {v.DuplicateFrames}, gaps {v.SeqGaps}, turns not completed {v.TurnsNotCompleted}, turn mismatches {v.TurnMismatches}, unreadable {v.UnreadableFrames}"));
        foreach (var sample in report.ViolationSamples)
        {
            Row(output, "  violation", sample);
        }

        foreach (var m in report.Memory)
        {
            Row(output, $"memory {m.Source}", string.Create(c,
                $"RSS {Mib(m.RssBeforeBytes)} -> {Mib(m.RssAfterBytes)} MiB ({Kib(m.RssPerConnectionBytes)} KiB/socket); GC heap {Mib(m.GcHeapBeforeBytes)} -> {Mib(m.GcHeapAfterBytes)} MiB ({Kib(m.GcHeapPerConnectionBytes)} KiB/socket)"));
        }

        if (report.TurnWindows is [var first, .., var last])
        {
            Row(output, "turns by place in conversation", string.Create(c,
                $"{first.FirstTurn}-{first.LastTurn}: {first.MeanTurnMs:F1} ms ({first.TurnsPerSecond:F0}/s); {last.FirstTurn}-{last.LastTurn}: {last.MeanTurnMs:F1} ms ({last.TurnsPerSecond:F0}/s); late/early rate {last.TurnsPerSecond / first.TurnsPerSecond:P1}"));
        }

        if (report.Events.Count > 0)
        {
            output.WriteLine(string.Create(c, $"  {"event (s from start)",-36}{"in flight",10}{"not done",9}  {"first frame after (ms) p50/p99/max",-36}{"reply after (ms) p50/p99/max"}"));
            foreach (var e in report.Events)
            {
                output.WriteLine(string.Create(c,
                    $"  {$"{e.Name} ({e.AtSeconds:F1})",-36}{e.TurnsInFlight,10}{e.TurnsNotCompleted,9}  {Spread(e.FirstFrameMs),-36}{Spread(e.ReplyMs)}"));
            }
        }

        Row(output, "result", report.Clean ? "CLEAN" : "VIOLATIONS");
    }

    /// <summary>The report as indented JSON (snake_case).</summary>
    public static async Task WriteJsonAsync(LoadReport report, string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        var options = new JsonSerializerOptions(LoadJsonContext.Default.Options) { WriteIndented = true, TypeInfoResolver = LoadJsonContext.Default };
        await JsonSerializer.SerializeAsync(file, report, options.GetTypeInfo(typeof(LoadReport)), cancellationToken);
    }

    private static void Row(TextWriter output, string name, string value) => output.WriteLine($"  {name,-36}{value}");

    private static void Latency(TextWriter output, string name, LatencySummary s) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-36}{s.Count,9}{s.P50,9:F1}{s.P95,9:F1}{s.P99,9:F1}{s.Max,9:F1}"));

    private static string Spread(LatencySummary s) =>
        s.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{s.P50:F0} / {s.P99:F0} / {s.Max:F0}");

    private static string Mib(long? bytes) => bytes is { } b ? (b / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) : "?";

    private static string Kib(double? bytes) => bytes is { } b ? (b / 1024).ToString("F1", CultureInfo.InvariantCulture) : "?";
}
