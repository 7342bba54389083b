// The load client of tests/benchmark/after-launch.sh: posts a year of daily figures for each live pilot of a keys file
// (written by `seed --ingestion-keys FILE`: "pilotId,goLiveDate,key" per line) through
// POST /api/live/{pilotId}/signals, in batches, with several pilots at once (each pilot's batches in date order), and
// prints what was sent, what was refused, and signals and requests per second. Run with `dotnet run ingest.cs -- ...`.
//
// Usage: dotnet run tests/benchmark/ingest.cs -- BASE_URL KEYS_FILE [PILOTS] [DAYS] [BATCH] [CONNECTIONS]
//   defaults: 10000 pilots, 365 days (never before a pilot's go-live; up to yesterday), 92 days a batch, 16 at once.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

var inv = CultureInfo.InvariantCulture;
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ingest.cs BASE_URL KEYS_FILE [PILOTS] [DAYS] [BATCH] [CONNECTIONS]");
    return 2;
}

var baseUrl = new Uri(args[0]);
var pilots = args.Length > 2 ? int.Parse(args[2], inv) : 10_000;
var days = args.Length > 3 ? int.Parse(args[3], inv) : 365;
var batch = args.Length > 4 ? int.Parse(args[4], inv) : 92;
var connections = args.Length > 5 ? int.Parse(args[5], inv) : 16;
var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

var work = File.ReadLines(args[1]).Take(pilots).Select(line => line.Split(',')).Select(f =>
    (PilotId: f[0], GoLive: DateOnly.ParseExact(f[1], "yyyy-MM-dd", inv), Key: f[2])).ToList();
if (work.Count < pilots)
{
    Console.Error.WriteLine($"warning: the keys file has {work.Count} live pilots, not {pilots}");
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
var latencies = new ConcurrentBag<double>();
var failures = new ConcurrentQueue<string>();
long signals = 0, requests = 0, refused = 0;
var random = new ThreadLocal<Random>(() => new Random(Environment.CurrentManagedThreadId));
var clock = Stopwatch.StartNew();
await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = connections }, async (pilot, ct) =>
{
    var first = yesterday.AddDays(1 - days) < pilot.GoLive ? pilot.GoLive : yesterday.AddDays(1 - days);
    for (var from = first; from <= yesterday; from = from.AddDays(batch))
    {
        var body = new StringBuilder("{\"signals\":[");
        var count = 0;
        for (var day = from; day <= yesterday && day < from.AddDays(batch); day = day.AddDays(1), count++)
        {
            var users = random.Value!.Next(5, 60);
            var cases = users * random.Value.Next(2, 6);
            body.Append(inv, $"{(count > 0 ? "," : "")}{{\"date\":\"{day:yyyy-MM-dd}\",\"activeUsers\":{users},\"casesHandled\":{cases},\"casesEscalated\":{cases / 25},\"casesOverridden\":{cases / 40},\"errors\":{random.Value.Next(3)}}}");
        }

        body.Append("]}");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/live/{pilot.PilotId}/signals")
        {
            Content = new StringContent(body.ToString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-Ingestion-Key", pilot.Key);
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, ct);
        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        Interlocked.Increment(ref requests);
        if (response.IsSuccessStatusCode)
        {
            Interlocked.Add(ref signals, count);
        }
        else
        {
            Interlocked.Increment(ref refused);
            if (failures.Count < 5)
            {
                failures.Enqueue($"{(int)response.StatusCode} {pilot.PilotId}: {await response.Content.ReadAsStringAsync(ct)}");
            }
        }
    }
});
clock.Stop();

var sorted = latencies.Order().ToList();
double At(double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
foreach (var failure in failures)
{
    Console.Error.WriteLine("refused: " + failure);
}

Console.WriteLine(string.Create(inv,
    $"pilots={work.Count} requests={requests} refused={refused} signals={signals} seconds={clock.Elapsed.TotalSeconds:F1} " +
    $"signals_per_s={signals / clock.Elapsed.TotalSeconds:F0} requests_per_s={requests / clock.Elapsed.TotalSeconds:F1} " +
    $"p50_ms={At(0.5):F1} p99_ms={At(0.99):F1}"));
return refused == 0 ? 0 : 1;
