using Microsoft.Extensions.Caching.Memory;
using PilotReadiness.Web.Data;

namespace PilotReadiness.Web.Portfolio;

/// <summary>
/// Can keep the portfolio's whole-selection figures (counts, averages, needs-attention, the business units) for a few
/// seconds, keyed by the selection, so a busy dashboard computes each at most once per
/// <c>Portfolio:SummaryCacheSeconds</c>. Off by default (0): the figures are cheap without it and a change must show on
/// the next request (docs/decisions/0018-portfolio-counters.md). Requests that arrive while a figure is being computed
/// wait for that computation instead of starting their own.
/// </summary>
public sealed class PortfolioCache : IDisposable
{
    /// <summary>How many selections are kept at most; the least recently used go first.</summary>
    public const int MaxEntries = 500;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });
    private readonly Lock _gate = new();
    private readonly IServiceScopeFactory _scopes;

    public PortfolioCache(IServiceScopeFactory scopes, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _scopes = scopes;
        Lifetime = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue("Portfolio:SummaryCacheSeconds", 0.0)));
    }

    public TimeSpan Lifetime { get; }

    /// <summary>
    /// The cached value of <paramref name="key"/>, or <paramref name="compute"/>'s. With caching on, the computation runs
    /// on its own database context and is not cancelled by one caller going away (others may be waiting for it).
    /// </summary>
    public async Task<T> GetAsync<T>(string key, AppDbContext db, Func<AppDbContext, CancellationToken, Task<T>> compute, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (Lifetime <= TimeSpan.Zero)
        {
            return await compute(db, ct);
        }

        var cacheKey = typeof(T).FullName + "|" + key;
        Task<T> task;
        lock (_gate)
        {
            if (!_cache.TryGetValue(cacheKey, out Task<T>? cached) || cached is null || cached.IsFaulted || cached.IsCanceled)
            {
                cached = ComputeAsync(compute);
                _cache.Set(cacheKey, cached, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
            }

            task = cached;
        }

        return await task.WaitAsync(ct);
    }

    private async Task<T> ComputeAsync<T>(Func<AppDbContext, CancellationToken, Task<T>> compute)
    {
        await Task.Yield(); // leave the lock before touching the database
        await using var scope = _scopes.CreateAsyncScope();
        return await compute(scope.ServiceProvider.GetRequiredService<AppDbContext>(), CancellationToken.None);
    }

    public void Dispose() => _cache.Dispose();
}
