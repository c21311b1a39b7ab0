using System.Runtime.InteropServices;
using Conversations.LoadTest;

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(LoadOptions.Usage);
    return 0;
}

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException or UriFormatException)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

// SIGTERM ends the run the way --duration does: no new turns, the ones in flight answered, then the report.
// A script that drives the run (the failure drill) stops it this way once its events are done.
var runner = new LoadRunner(options, Console.Error);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    runner.StopStartingTurns();
});

var report = await runner.RunAsync(stop.Token);
ReportWriter.WriteTable(report, Console.Out);
if (options.JsonPath is { } path)
{
    await ReportWriter.WriteJsonAsync(report, path, stop.Token);
}

return report.Clean ? 0 : 1;
