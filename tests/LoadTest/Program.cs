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

var report = await new LoadRunner(options, Console.Error).RunAsync(stop.Token);
ReportWriter.WriteTable(report, Console.Out);
if (options.JsonPath is { } path)
{
    await ReportWriter.WriteJsonAsync(report, path, stop.Token);
}

return report.Clean ? 0 : 1;
