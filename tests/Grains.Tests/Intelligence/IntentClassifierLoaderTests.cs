using Conversations.Grains.Intelligence;
using Conversations.Grains.Intelligence.Embeddings;
using Conversations.Grains.Intents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Tests.Intelligence;

public sealed class IntentClassifierLoaderTests
{
    [Fact]
    public void TheLearnedModelDecidesWhenTheEmbeddingModelLoads()
    {
        var classifier = Loader(new RecordingLogger(), new IntelligenceOptions()).Load();
        Assert.Equal("model", classifier.Source);
        Assert.Equal(IntentNames.Pricing, classifier.Classify("what would this set us back a month?").Name);
    }

    [Fact]
    public void TheCuesDecideAndALogLineSaysSoWhenTheModelFileIsMissing()
    {
        var logger = new RecordingLogger();
        var classifier = Loader(logger, new IntelligenceOptions()).Load(EmbeddingModel.Load(Path.Combine(Path.GetTempPath(), "no-such-model.dll")));
        Assert.Equal("cues", classifier.Source);
        Assert.Equal(IntentNames.Pricing, classifier.Classify("How much does it cost?").Name);
        Assert.Contains(logger.Lines, line => line.Level == LogLevel.Warning && line.Message.Contains("cue classifier decides", StringComparison.Ordinal) && line.Message.Contains("no-such-model.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCuesDecideWhenTheModelIsSwitchedOff()
    {
        var logger = new RecordingLogger();
        var classifier = Loader(logger, new IntelligenceOptions { IntentModel = false }).Load();
        Assert.Equal("cues", classifier.Source);
        Assert.Contains(logger.Lines, line => line.Message.Contains("Intelligence:IntentModel is off", StringComparison.Ordinal));
    }

    private static IntentClassifierLoader Loader(RecordingLogger logger, IntelligenceOptions options) =>
        new(new CueIntentClassifier(), Options.Create(options), logger);

    private sealed class RecordingLogger : ILogger<IntentClassifierLoader>
    {
        public List<(LogLevel Level, string Message)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception)));
    }
}
