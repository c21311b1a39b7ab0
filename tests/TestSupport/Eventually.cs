using System.Diagnostics;

namespace Conversations.Tests.Support;

/// <summary>Polls for a state that another process or a background write reaches, with a bound.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"The expected state was not reached within {limit}; last value: {value}");
            }

            await Task.Delay(100);
        }
    }
}
