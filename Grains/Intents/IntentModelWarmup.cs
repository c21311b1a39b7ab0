using Conversations.Grains.Knowledge;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Conversations.Grains.Intents;

/// <summary>
/// Loads the intent model and the knowledge base's embeddings in the background when the host starts, so that
/// the first conversation does not wait for them (about a second); start-up itself does not wait either.
/// </summary>
public sealed class IntentModelWarmup(IServiceProvider services) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(
            () =>
            {
                _ = services.GetRequiredService<IntentClassifier>().Source;
                _ = KnowledgeSource.Embeddings;
            },
            CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
