using System.Text.Json;
using Conversations.Grains.Intelligence.Embeddings;

namespace Conversations.Grains.Knowledge;

/// <summary>
/// The shipped knowledge file and its articles' embeddings, read and computed once per process (every silo of
/// a test host shares them).
/// </summary>
public static class KnowledgeSource
{
    /// <summary>The resource holding the file.</summary>
    public const string ResourceName = "knowledge/knowledge-base.v1.json";

    private static readonly Lazy<KnowledgeFile> File = new(Read);
    private static readonly Lazy<IReadOnlyDictionary<string, float[]>?> Vectors = new(Embed);

    /// <summary>The shipped file.</summary>
    public static KnowledgeFile Shipped => File.Value;

    /// <summary>Each article's embedding by id, or <see langword="null"/> when the embedding model could not be loaded.</summary>
    public static IReadOnlyDictionary<string, float[]>? Embeddings => Vectors.Value;

    private static KnowledgeFile Read()
    {
        using var stream = typeof(KnowledgeSource).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidDataException($"The assembly holds no {ResourceName}.");
        var file = JsonSerializer.Deserialize(stream, KnowledgeJsonContext.Default.KnowledgeFile)
            ?? throw new InvalidDataException($"{ResourceName} is empty.");
        var duplicate = file.Articles.GroupBy(a => a.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? file : throw new InvalidDataException($"{ResourceName}: article id {duplicate.Key} appears twice.");
    }

    private static Dictionary<string, float[]>? Embed() =>
        EmbeddingModel.Shared.Embedder is { } embedder
            ? Shipped.Articles.ToDictionary(a => a.Id, a => embedder.Embed(a.SearchText), StringComparer.Ordinal)
            : null;
}
