namespace Conversations.Grains.Analytics;

/// <summary>One page of a long list.</summary>
/// <param name="Items">The items of this page.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Items per page.</param>
/// <param name="Total">Items on all pages.</param>
public sealed record AnalyticsPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);
