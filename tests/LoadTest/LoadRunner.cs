using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;

namespace Conversations.LoadTest;

/// <summary>
/// Runs one load scenario against gateways (or echo servers) over real WebSockets and reports throughput,
/// latency, errors, reconnects, protocol violations and server memory.
/// </summary>
public sealed class LoadRunner(LoadOptions options, TextWriter log)
{
    private static readonly string[] Messages =
    [
        "Hi, we are looking for a CRM for our sales team",
        "We are about 25 people in sales",
        "Tell me more about the features",
        "What does it cost per user?",
        "That sounds reasonable, how does onboarding work?",
        "Can it integrate with our email?",
        "Great, we would like to go ahead",
    ];

    private readonly LoadStatistics _statistics = new();
    private readonly TurnWindows _windows = new();
    private readonly EventAttribution _clock = new();

    private volatile bool _stopStarting;

    /// <summary>The run's counters as they stand: for a caller that acts at a point of the run.</summary>
    public LoadStatistics Statistics => _statistics;

    /// <summary>Starts no more turns, as when <see cref="LoadOptions.Duration"/> is over; turns in flight go on to their end.</summary>
    public void StopStartingTurns() => _stopStarting = true;

    /// <summary>Runs the scenario to its end or to <see cref="LoadOptions.Deadline"/>, whichever comes first.</summary>
    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Deadline);
        var token = deadline.Token;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var sources = new SourceAddresses(options.SourceAddresses);

        var before = await ReadMemoryAsync(http, token);
        var connections = await OpenAsync(sources, token);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{connections.Count} of {options.Connections} sockets open"));

        var clock = Stopwatch.StartNew();
        var runStart = Stopwatch.GetTimestamp();
        try
        {
            switch (options.Mode)
            {
                case LoadMode.Idle:
                    await Task.Delay(options.Hold, token).ContinueWith(_ => { }, TaskScheduler.Default);
                    break;
                case LoadMode.Closed when options.AgedTurns is { } aged:
                    await AgedAndFreshAsync(connections, aged, clock, token);
                    break;
                case LoadMode.Closed:
                    await WithStormAsync(connections, () => Task.WhenAll(connections.Select(c => ClosedLoopAsync(c, 0, options.TurnsPerConnection, clock, token))), token);
                    break;
                case LoadMode.Open:
                    await WithStormAsync(connections, () => OpenLoopAsync(connections, token), token);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown mode {options.Mode}.");
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            log.WriteLine("The deadline ended the run.");
        }

        var elapsed = clock.Elapsed;
        Dictionary<string, (long? Rss, long? Heap)> after;
        if (options.MemoryAfterClose)
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));

            // The servers let go of a closed socket's resources (and of cached stream frames) asynchronously.
            await Task.Delay(options.MemoryDelay, cancellationToken);
            using var memoryTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            after = await ReadMemoryAsync(http, memoryTimeout.Token);
        }
        else
        {
            using var memoryTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            after = await ReadMemoryAsync(http, memoryTimeout.Token);
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }

        var events = options.EventsPath is { } path
            ? _clock.Attribute(LoadEvent.ReadFile(path), [.. connections.Select(c => c.Timeline).OfType<ConnectionTimeline>()], runStart)
            : [];
        return Report(connections, elapsed, before, after, events);
    }

    private async Task<List<LoadConnection>> OpenAsync(SourceAddresses sources, CancellationToken cancellationToken)
    {
        var opened = new LoadConnection?[options.Connections];
        using var concurrency = new SemaphoreSlim(options.ConnectConcurrency);
        var clock = Stopwatch.StartNew();
        var baseline = options.Baseline
            ? string.Create(CultureInfo.InvariantCulture, $"&frames={options.EchoFrames}&delay_ms={options.EchoDelayMs}")
            : string.Empty;

        var tasks = Enumerable.Range(0, options.Connections).Select(async i =>
        {
            var due = options.RampUp * i / options.Connections;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            await concurrency.WaitAsync(cancellationToken);
            var connection = new LoadConnection(
                options.Urls,
                i,
                string.Create(CultureInfo.InvariantCulture, $"load-{options.RunId}-{i}"),
                string.Create(CultureInfo.InvariantCulture, $"user_id=load-{options.RunId}-u{i}{baseline}"),
                sources.For(i),
                _statistics,
                options.EventsPath is null ? null : new ConnectionTimeline());
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(30));
                await connection.ConnectAsync(timeout.Token);
                opened[i] = connection;
            }
            catch (Exception exception) when (exception is WebSocketException or HttpRequestException or OperationCanceledException)
            {
                _statistics.OnConnectFailure();
                await connection.DisposeAsync();
                if (_statistics.ConnectFailures <= 3)
                {
                    log.WriteLine($"connect {i} failed: {exception.Message}");
                }
            }
            finally
            {
                concurrency.Release();
            }
        });

        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.WriteLine("The deadline ended the ramp-up.");
        }

        return [.. opened.OfType<LoadConnection>()];
    }

    private bool PastDuration(Stopwatch clock) => _stopStarting || (options.Duration is { } duration && clock.Elapsed >= duration);

    private async Task ClosedLoopAsync(LoadConnection connection, int first, int end, Stopwatch clock, CancellationToken cancellationToken)
    {
        for (var turn = first; turn < end && !cancellationToken.IsCancellationRequested && !PastDuration(clock); turn++)
        {
            if (!await RunTurnAsync(connection, turn, Stopwatch.GetTimestamp(), cancellationToken))
            {
                return;
            }

            if (options.ThinkTime > TimeSpan.Zero)
            {
                await Task.Delay(options.ThinkTime, cancellationToken);
            }
        }
    }

    // The aged conversations (even connections) first do their turns alone; then every connection does one
    // window of turns at once, the aged ones late in their conversations and the fresh ones at the start of
    // theirs, so that both meet the same machine in the same seconds.
    private async Task AgedAndFreshAsync(List<LoadConnection> connections, int aged, Stopwatch clock, CancellationToken cancellationToken)
    {
        var old = connections.Where((_, i) => i % 2 == 0).ToList();
        var fresh = connections.Where((_, i) => i % 2 == 1).ToList();
        await Task.WhenAll(old.Select(c => ClosedLoopAsync(c, 0, aged, clock, cancellationToken)));
        _windows.Clear();
        await Task.WhenAll(
            old.Select(c => ClosedLoopAsync(c, aged, aged + TurnWindows.Size, clock, cancellationToken))
                .Concat(fresh.Select(c => ClosedLoopAsync(c, 0, TurnWindows.Size, clock, cancellationToken))));
    }

    // Open loop: turns are due at a fixed rate whatever the replies do; a due turn with no free connection
    // is counted as skipped rather than queued, so that the schedule never bends to the server.
    private async Task OpenLoopAsync(List<LoadConnection> connections, CancellationToken cancellationToken)
    {
        var free = new System.Collections.Concurrent.ConcurrentQueue<(LoadConnection Connection, int Turns)>(connections.Select(c => (c, 0)));
        var total = (long)connections.Count * options.TurnsPerConnection;
        var running = new List<Task>();
        var clock = Stopwatch.StartNew();
        var start = Stopwatch.GetTimestamp();
        long due = 0;
        while (due < total && !cancellationToken.IsCancellationRequested && !PastDuration(clock))
        {
            var now = (long)(clock.Elapsed.TotalSeconds * options.TurnsPerSecond);
            for (; due < Math.Min(now, total); due++)
            {
                var scheduled = start + (long)(due / options.TurnsPerSecond * Stopwatch.Frequency);
                if (!free.TryDequeue(out var next))
                {
                    _statistics.OnTurnSkipped();
                    continue;
                }

                running.Add(RunAndReturnAsync(next.Connection, next.Turns, scheduled));
            }

            await Task.Delay(1, cancellationToken);
        }

        await Task.WhenAll(running);

        async Task RunAndReturnAsync(LoadConnection connection, int turn, long scheduled)
        {
            if (await RunTurnAsync(connection, turn, scheduled, cancellationToken) && turn + 1 < options.TurnsPerConnection)
            {
                free.Enqueue((connection, turn + 1));
            }
        }
    }

    private async Task<bool> RunTurnAsync(LoadConnection connection, int turn, long startedAt, CancellationToken cancellationToken)
    {
        try
        {
            var text = Messages[turn % Messages.Length];
            if (options.DistinctMessages)
            {
                text = $"{text} (ref {connection.ConversationId}-{turn})";
            }

            var reply = await connection.SendTurnAsync(text, startedAt, cancellationToken);
            await reply.WaitAsync(options.TurnTimeout, cancellationToken);
            _windows.Record(turn, startedAt);
            return true;
        }
        catch (TimeoutException)
        {
            _statistics.OnTurnTimedOut();
            return false;
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The socket was being replaced or had failed past recovery: this connection stops.
            _statistics.OnError("client_send_failed");
            return false;
        }
    }

    private async Task WithStormAsync(List<LoadConnection> connections, Func<Task> load, CancellationToken cancellationToken)
    {
        var work = load();
        if (options.StormShare <= 0)
        {
            await work;
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(options.StormDuration);
        var storm = StormAsync(connections, work, stop.Token);
        await work;
        await stop.CancelAsync();
        await storm;
    }

    // Every second, drops ceil(share × sockets) of the sockets that are in the middle of a reply (fewer if
    // fewer are) and resumes each with last_seq.
    private async Task StormAsync(List<LoadConnection> connections, Task work, CancellationToken cancellationToken)
    {
        var perSecond = (int)Math.Ceiling(options.StormShare * connections.Count);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (!work.IsCompleted && await timer.WaitForNextTickAsync(cancellationToken))
            {
                var victims = connections.Where(c => c.InReply).OrderBy(_ => Random.Shared.Next()).Take(perSecond).ToList();
                await Task.WhenAll(victims.Select(async victim =>
                {
                    try
                    {
                        await victim.DropAndResumeAsync(cancellationToken);
                    }
                    catch (Exception exception) when (exception is WebSocketException or HttpRequestException or OperationCanceledException)
                    {
                        _statistics.OnConnectFailure();
                    }
                }));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The storm's time is over.
        }
    }

    private async Task<Dictionary<string, (long? Rss, long? Heap)>> ReadMemoryAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var readings = new Dictionary<string, (long? Rss, long? Heap)>(StringComparer.Ordinal);
        if (options.ForceGc)
        {
            foreach (var pid in options.ProcessIds)
            {
                await MemoryProbe.ForceGcAsync(pid, cancellationToken);
            }
        }

        foreach (var pid in options.ProcessIds)
        {
            readings[string.Create(CultureInfo.InvariantCulture, $"pid {pid}")] = (MemoryProbe.ReadRss(pid), null);
        }

        foreach (var url in options.MetricsUrls)
        {
            try
            {
                var (heap, workingSet) = await MemoryProbe.ReadMetricsAsync(http, url, cancellationToken);
                readings[url.ToString()] = (workingSet, heap);
            }
            catch (HttpRequestException exception)
            {
                log.WriteLine($"metrics {url}: {exception.Message}");
                readings[url.ToString()] = (null, null);
            }
        }

        return readings;
    }

    private LoadReport Report(List<LoadConnection> connections, TimeSpan elapsed, Dictionary<string, (long? Rss, long? Heap)> before, Dictionary<string, (long? Rss, long? Heap)> after, IReadOnlyList<EventImpact> events)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        var opened = connections.Count;
        var memory = before.Keys.Select(source =>
        {
            var (rssBefore, heapBefore) = before[source];
            var (rssAfter, heapAfter) = after.GetValueOrDefault(source);
            return new ProcessMemory(
                source,
                rssBefore,
                rssAfter,
                heapBefore,
                heapAfter,
                rssBefore is { } rb && rssAfter is { } ra && opened > 0 ? (ra - rb) / (double)opened : null,
                heapBefore is { } hb && heapAfter is { } ha && opened > 0 ? (ha - hb) / (double)opened : null);
        }).ToList();

        var violations = new ProtocolViolations(
            connections.Sum(c => c.Checker.LostFrames),
            connections.Sum(c => c.Checker.Duplicates),
            connections.Sum(c => c.Checker.Gaps),
            connections.Sum(c => Math.Max(c.OpenTurns, 0)),
            _statistics.TurnMismatches,
            _statistics.UnreadableFrames);

        return new LoadReport
        {
            RunId = options.RunId,
            Mode = options.Mode,
            Baseline = options.Baseline,
            Urls = options.Urls.Select(u => u.ToString()).ToArray(),
            Connections = options.Connections,
            ConnectionsOpened = opened,
            TurnsPerConnection = options.TurnsPerConnection,
            DurationSeconds = elapsed.TotalSeconds,
            TurnsStarted = _statistics.TurnsStarted,
            TurnsAcked = _statistics.TurnsAcked,
            TurnsCompleted = _statistics.TurnsCompleted,
            TurnsTimedOut = _statistics.TurnsTimedOut,
            TurnsSkipped = _statistics.TurnsSkipped,
            TurnsPerSecond = _statistics.TurnsCompleted / seconds,
            FramesReceived = _statistics.FramesReceived,
            FramesPerSecond = _statistics.FramesReceived / seconds,
            FramesPerTurn = _statistics.TurnsCompleted == 0 ? 0 : _statistics.FramesReceived / (double)_statistics.TurnsCompleted,
            AckMs = _statistics.Ack.Summarise(),
            FirstDeltaMs = _statistics.FirstDelta.Summarise(),
            TurnMs = _statistics.Turn.Summarise(),
            ConnectMs = _statistics.Connect.Summarise(),
            ReconnectMs = _statistics.Reconnect.Summarise(),
            Errors = new SortedDictionary<string, long>(_statistics.Errors, StringComparer.Ordinal),
            Reconnects = _statistics.Reconnects,
            UnexpectedDisconnects = _statistics.UnexpectedDisconnects,
            ConnectFailures = _statistics.ConnectFailures,
            ConnectAttemptsFailed = _statistics.ConnectAttemptsFailed,
            Failovers = _statistics.Failovers,
            Resyncs = _statistics.Resyncs,
            Retries = _statistics.Retries,
            Violations = violations,
            ViolationSamples = [.. _statistics.ViolationSamples],
            Memory = memory,
            TurnWindows = _windows.Summarise(options.AgedTurns is null ? opened : (opened + 1) / 2),
            Events = events,
        };
    }
}
