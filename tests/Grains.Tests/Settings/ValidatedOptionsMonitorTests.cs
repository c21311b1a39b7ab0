using Conversations.Grains.Intelligence;
using Conversations.Grains.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Tests.Settings;

public sealed class ValidatedOptionsMonitorTests : IDisposable
{
    private readonly IConfigurationRoot _configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Intelligence:HandoffThreshold"] = "0.8" })
        .Build();

    private readonly RecordingLogger _logger = new();
    private readonly ServiceProvider _services;
    private readonly ValidatedOptionsMonitor<IntelligenceOptions> _monitor;

    public ValidatedOptionsMonitorTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(_configuration);
        services.AddOptions<IntelligenceOptions>().BindConfiguration(IntelligenceOptions.SectionName);
        services.AddSingleton<IValidateOptions<IntelligenceOptions>, IntelligenceOptionsValidator>();
        _services = services.BuildServiceProvider();
        _monitor = new ValidatedOptionsMonitor<IntelligenceOptions>(
            _services.GetRequiredService<IOptionsFactory<IntelligenceOptions>>(),
            _services.GetServices<IOptionsChangeTokenSource<IntelligenceOptions>>(),
            _logger);
    }

    public void Dispose()
    {
        _monitor.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void AValidChangeAppliesAndIsAnnouncedToListeners()
    {
        var heard = new List<double>();
        using var subscription = _monitor.OnChange((options, _) => heard.Add(options.HandoffThreshold));

        Change("0.6");

        Assert.Equal(0.6, _monitor.CurrentValue.HandoffThreshold);
        Assert.Equal([0.6], heard);
        Assert.Contains(_logger.Lines, l => l.Level == LogLevel.Information && l.Message.Contains("IntelligenceOptions applied", StringComparison.Ordinal));
    }

    [Fact]
    public void AnInvalidChangeIsRefusedWithALogLineNamingTheKeyAndTheLastValidValueStays()
    {
        Change("0.6");
        var heard = new List<double>();
        using var subscription = _monitor.OnChange((options, _) => heard.Add(options.HandoffThreshold));

        Change("7");

        Assert.Equal(0.6, _monitor.CurrentValue.HandoffThreshold);
        Assert.Empty(heard);
        var refusal = Assert.Single(_logger.Lines, l => l.Level == LogLevel.Warning);
        Assert.Contains("refused", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Intelligence:HandoffThreshold", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AValueThatIsNotANumberIsRefusedToo()
    {
        Change("lots");

        Assert.Equal(0.8, _monitor.CurrentValue.HandoffThreshold);
        Assert.Contains(_logger.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("refused", StringComparison.Ordinal));
    }

    [Fact]
    public void InvalidSettingsAtStartThrowAsValidateOnStartWants()
    {
        _configuration["Intelligence:HandoffThreshold"] = "0";

        Assert.Throws<OptionsValidationException>(() => new ValidatedOptionsMonitor<IntelligenceOptions>(
            _services.GetRequiredService<IOptionsFactory<IntelligenceOptions>>(),
            [],
            _logger));
    }

    private void Change(string threshold)
    {
        _configuration["Intelligence:HandoffThreshold"] = threshold;
        _configuration.Reload();
    }

    private sealed class RecordingLogger : ILogger<ValidatedOptionsMonitor<IntelligenceOptions>>
    {
        public List<(LogLevel Level, string Message)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception)));
    }
}
