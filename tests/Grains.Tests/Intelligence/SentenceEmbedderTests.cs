using Conversations.Grains.Intelligence.Embeddings;

namespace Conversations.Grains.Tests.Intelligence;

public sealed class SentenceEmbedderTests
{
    private static SentenceEmbedder Embedder =>
        EmbeddingModel.Shared.Embedder ?? throw new InvalidOperationException($"The embedding model did not load: {EmbeddingModel.Shared.Failure}");

    [Fact]
    public void ATextEmbeddedAgainIsAnsweredFromTheKeptEmbeddingWithTheSameNumbersInACopyOfItsOwn()
    {
        var text = $"how much would it cost for {Guid.NewGuid():N}?";
        var (hits, misses) = Embedder.CacheCounts;

        var first = Embedder.Embed(text);
        var second = Embedder.Embed(text);

        var (hitsAfter, missesAfter) = Embedder.CacheCounts;
        Assert.True(missesAfter > misses, "the first embedding of a new text runs the model");
        Assert.True(hitsAfter > hits, "the second embedding of the same text is the kept one");
        Assert.Equal(first, second);
        Assert.NotSame(first, second);

        // A caller that writes into its copy changes nothing for the next caller.
        Array.Clear(first);
        Assert.Equal(second, Embedder.Embed(text));
    }

    [Fact]
    public void TheKeptEmbeddingIsTheOneTheModelComputes()
    {
        // A long text is never kept: it gives the model's own figures to compare the kept short one with.
        var words = $"we waste hours on direct messages every week {Guid.NewGuid():N}";
        var padded = words + new string(' ', SentenceEmbedder.CachedTextLength);
        Assert.True(padded.Length > SentenceEmbedder.CachedTextLength);

        Embedder.Embed(words);
        var kept = Embedder.Embed(words);
        var computed = Embedder.Embed(padded);

        // Trailing spaces are no word pieces: the model sees the same input.
        Assert.Equal(computed, kept);
        Assert.Equal(1, Math.Round(SentenceEmbedder.Similarity(kept, kept), 4));
    }
}
