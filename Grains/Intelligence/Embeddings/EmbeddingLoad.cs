namespace Conversations.Grains.Intelligence.Embeddings;

/// <summary>The outcome of loading the embedding model.</summary>
/// <param name="Embedder">The model, or <see langword="null"/> when it could not be loaded.</param>
/// <param name="Failure">Why it could not be loaded, or <see langword="null"/>.</param>
public sealed record EmbeddingLoad(SentenceEmbedder? Embedder, string? Failure);
