using System.Globalization;

namespace Conversations.LoadTest;

/// <summary>What one load run does. Every loop is bounded by a count and by <see cref="Deadline"/>.</summary>
public sealed record LoadOptions
{
    /// <summary>
    /// Gateway (or echo server) base addresses, <c>ws://host:port</c>; connection i opens on address i mod
    /// count, and a socket the server side lost is reopened on the next address.
    /// </summary>
    public IReadOnlyList<Uri> Urls { get; init; } = [new Uri("ws://127.0.0.1:5000")];

    /// <summary>Closed loop, open loop or idle.</summary>
    public LoadMode Mode { get; init; } = LoadMode.Closed;

    /// <summary>Sockets, one conversation each. Default 100.</summary>
    public int Connections { get; init; } = 100;

    /// <summary>Turns per connection (closed loop), or in all divided by connections (open loop). Default 5.</summary>
    public int TurnsPerConnection { get; init; } = 5;

    /// <summary>Time over which the sockets are opened. Default 5 s.</summary>
    public TimeSpan RampUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Pause after a reply before the next turn (closed loop). Default 0.</summary>
    public TimeSpan ThinkTime { get; init; } = TimeSpan.Zero;

    /// <summary>Total turns started per second (open loop). Default 100.</summary>
    public double TurnsPerSecond { get; init; } = 100;

    /// <summary>No turn is started after this time from the first one (closed and open loop); null: no limit but the turn count.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Read the servers' memory after the sockets are closed rather than while they are open (memory of conversations, not of sockets).</summary>
    public bool MemoryAfterClose { get; init; }

    /// <summary>With <see cref="MemoryAfterClose"/>: how long after closing memory is read. Default 3 s.</summary>
    public TimeSpan MemoryDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long idle sockets are held (idle mode). Default 10 s.</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Share of the sockets dropped every second while in the middle of a reply (0 = no storm).</summary>
    public double StormShare { get; init; }

    /// <summary>How long the reconnect storm lasts once every socket is open. Default 10 s.</summary>
    public TimeSpan StormDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The whole run ends by then, whatever is left. Default 10 minutes.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A turn not answered within this time counts as lost. Default 30 s.</summary>
    public TimeSpan TurnTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Loopback source addresses to spread sockets over: 127.0.0.1 to 127.0.0.N. Default 8.</summary>
    public int SourceAddresses { get; init; } = 8;

    /// <summary>Sockets being opened at once. Default 64.</summary>
    public int ConnectConcurrency { get; init; } = 64;

    /// <summary>Run against the echo server: each turn is answered by <see cref="EchoFrames"/> frames.</summary>
    public bool Baseline { get; init; }

    /// <summary>Frames the echo server sends per message, like the frames of a gateway turn. Default 13.</summary>
    public int EchoFrames { get; init; } = 13;

    /// <summary>Pause of the echo server between two frames of one reply (like the responder's chunk delay). Default 0.</summary>
    public int EchoDelayMs { get; init; }

    /// <summary>Gateway and silo processes whose memory (RSS from /proc) is read before and after.</summary>
    public IReadOnlyList<int> ProcessIds { get; init; } = [];

    /// <summary>Prometheus endpoints (<c>http://…/metrics</c>) whose GC heap size is read before and after.</summary>
    public IReadOnlyList<Uri> MetricsUrls { get; init; } = [];

    /// <summary>Ask each process in <see cref="ProcessIds"/> for a full garbage collection before reading memory.</summary>
    public bool ForceGc { get; init; }

    /// <summary>
    /// Closed loop: compare turns late in a conversation with turns early in one, at the same moment. Even
    /// connections first do this many turns; then they and the odd connections (fresh conversations) each
    /// do <see cref="TurnWindows.Size"/> more at once, and the report compares the two groups. Null: off.
    /// </summary>
    public int? AgedTurns { get; init; }

    /// <summary>
    /// Every message a text of its own (the conversation and turn appended), so that no cache of recent texts
    /// in the server answers for it: the cost of a turn whose words nobody sent before.
    /// </summary>
    public bool DistinctMessages { get; init; }

    /// <summary>
    /// A file of events (<c>unix_ms name</c> a line) that someone else appends to during the run, such as
    /// the failure drill killing processes; read at the end, each event is reported with the turns that
    /// were in flight at that moment and how long they then waited. Null: no events.
    /// </summary>
    public string? EventsPath { get; init; }

    /// <summary>Where the JSON report goes, if anywhere.</summary>
    public string? JsonPath { get; init; }

    /// <summary>Makes conversation and user ids unique to this run.</summary>
    public string RunId { get; init; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Parses <c>--name value</c> pairs; see <see cref="Usage"/>.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--baseline")
            {
                options = options with { Baseline = true };
                continue;
            }

            if (name == "--force-gc")
            {
                options = options with { ForceGc = true };
                continue;
            }

            if (name == "--distinct-messages")
            {
                options = options with { DistinctMessages = true };
                continue;
            }

            if (name == "--memory-after-close")
            {
                options = options with { MemoryAfterClose = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"Option {name} needs a value.");
            }

            var value = args[++i];
            options = name switch
            {
                "--url" => options with { Urls = List(value).Select(u => new Uri(u)).ToArray() },
                "--mode" => options with { Mode = Enum.Parse<LoadMode>(value, ignoreCase: true) },
                "--connections" => options with { Connections = Int(value) },
                "--turns" => options with { TurnsPerConnection = Int(value) },
                "--ramp-up" => options with { RampUp = Seconds(value) },
                "--think-ms" => options with { ThinkTime = TimeSpan.FromMilliseconds(Int(value)) },
                "--rate" => options with { TurnsPerSecond = double.Parse(value, CultureInfo.InvariantCulture) },
                "--hold" => options with { Hold = Seconds(value) },
                "--duration" => options with { Duration = Seconds(value) },
                "--memory-delay" => options with { MemoryDelay = Seconds(value) },
                "--storm-share" => options with { StormShare = double.Parse(value, CultureInfo.InvariantCulture) },
                "--storm-seconds" => options with { StormDuration = Seconds(value) },
                "--deadline" => options with { Deadline = Seconds(value) },
                "--turn-timeout" => options with { TurnTimeout = Seconds(value) },
                "--source-addresses" => options with { SourceAddresses = Int(value) },
                "--connect-concurrency" => options with { ConnectConcurrency = Int(value) },
                "--echo-frames" => options with { EchoFrames = Int(value) },
                "--echo-delay-ms" => options with { EchoDelayMs = Int(value) },
                "--pid" => options with { ProcessIds = List(value).Select(Int).ToArray() },
                "--metrics-url" => options with { MetricsUrls = List(value).Select(u => new Uri(u)).ToArray() },
                "--json" => options with { JsonPath = value },
                "--events" => options with { EventsPath = value },
                "--run-id" => options with { RunId = value },
                "--aged" => options with { AgedTurns = Int(value) },
                _ => throw new ArgumentException($"Unknown option {name}.\n{Usage}"),
            };
        }

        options.Validate();
        return options;
    }

    /// <summary>The options, for <c>--help</c>.</summary>
    public const string Usage = """
        Conversations.LoadTest [options]
          --url ws://127.0.0.1:5000[,ws://…]   gateways (or echo servers); sockets are spread over them
          --mode closed|open|idle              default closed
          --connections N                      sockets, one conversation each (default 100)
          --turns M                            turns per connection (default 5)
          --ramp-up S                          seconds to open all sockets (default 5)
          --think-ms T                         closed loop: pause after each reply (default 0)
          --rate R                             open loop: turns started per second in all (default 100)
          --duration S                         closed/open loop: start no turn after S seconds (default: no limit)
          --hold S                             idle: seconds to hold the sockets (default 10)
          --storm-share F --storm-seconds S    every second drop F of the sockets that are mid-reply, resume by last_seq
          --deadline S                         the whole run ends by then (default 600)
          --turn-timeout S                     a turn unanswered this long is lost (default 30)
          --source-addresses K                 bind sockets to 127.0.0.1 … 127.0.0.K (default 8)
          --connect-concurrency C              sockets being opened at once (default 64)
          --baseline                           the urls are echo servers (tests/EchoServer)
          --echo-frames K --echo-delay-ms D    frames per echo reply (default 13) and pause between them (default 0)
          --pid P[,P…]                         processes whose RSS (/proc/P/status) is read before and after
          --metrics-url U[,U…]                 Prometheus endpoints whose GC heap size is read before and after
          --force-gc                           full GC in each --pid process (diagnostic port) before reading memory
          --memory-after-close                 read memory after closing the sockets (conversation memory, not socket memory)
          --memory-delay S                     with --memory-after-close: seconds to wait before reading (default 3)
          --aged K                             even sockets do K turns, then they and the odd (fresh) ones do 20 more
                                               at once: turns K+1..K+20 against turns 1..20 in the same seconds
          --distinct-messages                  every message a text nobody sent before (default: seven texts in turn)
          --json FILE                          also write the report as JSON
          --events FILE                        events appended during the run ("unix_ms name" a line): turns in flight at each, and their wait
          --run-id ID                          prefix of conversation and user ids (default random)
        """;

    private void Validate()
    {
        if (Urls.Count == 0 || Urls.Any(u => !u.IsLoopback) || Connections < 1 || TurnsPerConnection < 0 || SourceAddresses is < 1 or > 254 || ConnectConcurrency < 1
            || TurnsPerSecond <= 0 || StormShare is < 0 or > 1 || EchoFrames < 2 || EchoDelayMs < 0 || Deadline <= TimeSpan.Zero
            || AgedTurns is < 0 || (AgedTurns is { } aged && aged % TurnWindows.Size != 0) || (AgedTurns is not null && (Mode != LoadMode.Closed || Connections < 2)))
        {
            throw new ArgumentException($"An option is out of range (urls must be loopback addresses).\n{Usage}");
        }
    }

    private static string[] List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
}
