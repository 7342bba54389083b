using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Questionnaires;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Data;
using PilotReadiness.Web.Live;
using PilotReadiness.Web.Portfolio;
using PilotReadiness.Web.Security;

namespace PilotReadiness.Web.Tools;

/// <summary>What <c>seed</c> was asked to do.</summary>
public sealed record SeedOptions(
    int Assessments, int Seed = SeedCommand.DefaultSeed, int BatchSize = SeedCommand.DefaultBatchSize, string? Password = null, bool Copy = true,
    string? IngestionKeysFile = null);

/// <summary>
/// <c>dotnet run --project src/PilotReadiness.Web -- seed --assessments 10000</c>: applies the migrations to the
/// configured database, adds a synthetic portfolio of that many assessments and exits. For measuring the app at
/// scale (see docs/performance.md); never part of a normal start.
/// </summary>
public static class SeedCommand
{
    public const string Name = "seed";
    public const int DefaultSeed = 42;
    public const int DefaultBatchSize = 1000;
    public const int MaxAssessments = 10_000_000;

    /// <summary>The e-mail domain of the synthetic accounts (reserved for examples, so never a real mailbox).</summary>
    public const string AccountDomain = "synthetic.example.com";

    public const string Usage = """
        Usage: dotnet run --project src/PilotReadiness.Web -- seed --assessments N [options]

        Applies the database migrations, then adds N synthetic assessments (re-assessments count as
        assessments; decisions, conditions, the audit trail, and for pilots that went live their check-ins,
        daily figures and outcomes come with them) to the configured database
        (Database__Provider, ConnectionStrings__Sqlite / ConnectionStrings__Postgres), and exits.

        Options:
          --assessments N   how many assessments to add (required; 1 to 10,000,000)
          --seed S          random seed; the same seed gives the same portfolio (default 42)
          --batch-size B    assessments written per round trip (default 1000)
          --password P      password for the synthetic accounts (sponsor01..08 and reviewer01..03
                            @synthetic.example.com); without it they cannot sign in
          --no-copy         on PostgreSQL, save through EF Core instead of binary COPY (slower)
          --ingestion-keys FILE
                            give every monitored live pilot an ingestion key and write
                            "pilotId,goLiveDate,key" lines to FILE (for the after-launch benchmark)
          -h, --help        show this help
        """;

    public static bool IsSeed(IReadOnlyList<string> args) => args is [Name, ..];

    /// <summary>
    /// Reads the arguments after <c>seed</c>. Returns the options, or null with the exit code to use: 0 after
    /// printing the help, 2 after printing what is wrong with the arguments.
    /// </summary>
    public static SeedOptions? Parse(IReadOnlyList<string> args, TextWriter output, TextWriter error, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        int? assessments = null;
        var seed = DefaultSeed;
        var batch = DefaultBatchSize;
        string? password = null;
        var copy = true;
        string? keysFile = null;
        exitCode = 2;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var (name, inline) = arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal)
                ? (arg[..arg.IndexOf('=', StringComparison.Ordinal)], arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..])
                : (arg, null);
            if (name is "-h" or "--help")
            {
                output.WriteLine(Usage);
                exitCode = 0;
                return null;
            }

            if (name == "--no-copy" && inline is null)
            {
                copy = false;
                continue;
            }

            if (name is not ("--assessments" or "--seed" or "--batch-size" or "--password" or "--ingestion-keys"))
            {
                return Fail(error, $"unknown argument '{arg}'.");
            }

            var value = inline ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null);
            if (value is null)
            {
                return Fail(error, $"{name} needs a value.");
            }

            switch (name)
            {
                case "--password":
                    password = value;
                    break;
                case "--ingestion-keys":
                    keysFile = value;
                    break;
                case "--seed":
                    if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed))
                    {
                        return Fail(error, $"--seed must be a whole number, not '{value}'.");
                    }

                    break;
                default:
                    var max = name == "--assessments" ? MaxAssessments : 100_000;
                    if (!int.TryParse(value.Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal),
                            NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > max)
                    {
                        return Fail(error, $"{name} must be a whole number from 1 to {max:N0}, not '{value}'.");
                    }

                    if (name == "--assessments")
                    {
                        assessments = number;
                    }
                    else
                    {
                        batch = number;
                    }

                    break;
            }
        }

        if (assessments is null)
        {
            return Fail(error, "say how many assessments to add with --assessments N.");
        }

        exitCode = 0;
        return new SeedOptions(assessments.Value, seed, batch, password, copy, keysFile);
    }

    /// <summary>Runs the command against the app's services (its configured database). Returns the exit code.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, SeedOptions options, TextWriter output, bool interactive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<AppDbContext>();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SeedCommand));
        var time = provider.GetRequiredService<TimeProvider>();

        await output.WriteLineAsync($"Applying migrations ({db.Database.ProviderName})…");
        await DatabaseSetup.MigrateAsync(db, logger, cancellationToken);
        await AccountSeed.EnsureRolesAndFirstAdminAsync(provider, provider.GetRequiredService<IConfiguration>(), logger);
        var accounts = await EnsureAccountsAsync(provider.GetRequiredService<UserManager<AppUser>>(), options.Password);

        await QuestionnaireSetup.StoreShippedVersionsAsync(db, time, cancellationToken);
        await provider.GetRequiredService<QuestionnaireCatalogCache>().RefreshIfStaleAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var portfolio = new SyntheticPortfolio(options.Seed, now, accounts, provider.GetRequiredService<IQuestionnaireCatalog>());
        // A context of its own, holding nothing but the portfolio's rows.
        await using var writeScope = services.CreateAsyncScope();
        var writer = SyntheticWriter.For(writeScope.ServiceProvider.GetRequiredService<AppDbContext>(), options.Copy);
        var progress = new SeedProgress(output, options.Assessments, interactive, time);
        await output.WriteLineAsync($"Adding {options.Assessments:N0} synthetic assessments (seed {options.Seed}, {writer.Method})…");
        var stopwatch = Stopwatch.StartNew();
        var totals = new SeedTotals();
        var batch = new List<SyntheticPilot>();
        var writing = Task.CompletedTask;
        var batchAssessments = 0;
        var generating = TimeSpan.Zero;
        await using var keys = options.IngestionKeysFile is null ? null : new StreamWriter(options.IngestionKeysFile);
        for (var index = 0; totals.Assessments + batchAssessments < options.Assessments; index++)
        {
            var remaining = options.Assessments - totals.Assessments - batchAssessments;
            var started = Stopwatch.GetTimestamp();
            var pilot = portfolio.Pilot(index, singleVersion: remaining == 1);
            generating += Stopwatch.GetElapsedTime(started);
            if (keys is not null && pilot.Life.Live is { Ended: false } live)
            {
                var key = IngestionKeys.New();
                live.IssueKey(Tokens.Hash(key), IngestionKeys.Prefix(key), Name, now);
                await keys.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{live.PilotId},{live.Plan.GoLiveDate:yyyy-MM-dd},{key}"));
            }

            batch.Add(pilot);
            batchAssessments += pilot.Versions.Count;
            if (batchAssessments >= options.BatchSize || totals.Assessments + batchAssessments >= options.Assessments)
            {
                // The next batch is made while this one is written: the database works while this process does.
                await writing;
                progress.Report(totals.Assessments);
                totals.Add(batch);
                writing = writer.WriteAsync(batch, cancellationToken);
                batch = [];
                batchAssessments = 0;
            }
        }

        await writing;
        progress.Report(totals.Assessments);
        progress.Done();
        // COPY writes past SaveChanges, and so past the counters kept with every save: count the portfolio again.
        await PortfolioCounts.RebuildAsync(db, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Added {totals.Assessments:N0} assessments ({totals.Pilots:N0} pilots, {totals.Assessments - totals.Pilots:N0} re-assessments), " +
            $"{totals.Decisions:N0} decisions, {totals.Answers:N0} answers, {totals.Live:N0} live pilots with {totals.CheckIns:N0} check-ins " +
            $"and {totals.Signals:N0} days of figures, {totals.Outcomes:N0} outcomes in {stopwatch.Elapsed.TotalSeconds:N1} s " +
            $"({totals.Assessments / Math.Max(0.001, stopwatch.Elapsed.TotalSeconds):N0} assessments/s; {generating.TotalSeconds:N1} s of it making them)."));
        return 0;
    }

    /// <summary>The synthetic sponsors and reviewers, created the first time (and given the password when one is set).</summary>
    private static async Task<SyntheticAccounts> EnsureAccountsAsync(UserManager<AppUser> users, string? password)
    {
        var sponsors = new List<string>();
        var reviewers = new List<(string, string)>();
        var names = SyntheticPortfolio.SponsorNames;
        for (var i = 1; i <= 11; i++)
        {
            var isSponsor = i <= 8;
            var email = isSponsor
                ? $"sponsor{i:D2}@{AccountDomain}"
                : $"reviewer{i - 8:D2}@{AccountDomain}";
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = names[(i * 37) % names.Count] };
                Check(password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password), email);
                Check(await users.AddToRoleAsync(user, isSponsor ? Roles.Sponsor : Roles.Reviewer), email);
            }
            else if (password is not null && !await users.CheckPasswordAsync(user, password))
            {
                if (await users.HasPasswordAsync(user))
                {
                    Check(await users.RemovePasswordAsync(user), email);
                }

                Check(await users.AddPasswordAsync(user, password), email);
            }

            if (isSponsor)
            {
                sponsors.Add(user.Id);
            }
            else
            {
                reviewers.Add((user.Id, user.DisplayName));
            }
        }

        return new SyntheticAccounts(sponsors, reviewers);
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not set up the synthetic account {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    private static SeedOptions? Fail(TextWriter error, string message)
    {
        error.WriteLine($"seed: {message}");
        error.WriteLine("Run 'seed --help' for the options.");
        return null;
    }

    private sealed class SeedTotals
    {
        public int Pilots { get; private set; }

        public int Assessments { get; private set; }

        public int Decisions { get; private set; }

        public long Answers { get; private set; }

        public int Live { get; private set; }

        public int CheckIns { get; private set; }

        public long Signals { get; private set; }

        public int Outcomes { get; private set; }

        public void Add(IEnumerable<SyntheticPilot> pilots)
        {
            foreach (var pilot in pilots)
            {
                Pilots++;
                Assessments += pilot.Versions.Count;
                Decisions += pilot.Decisions.Count;
                Answers += pilot.Versions.Sum(v => v.Answers.Count);
                Live += pilot.Life.Live is null ? 0 : 1;
                CheckIns += pilot.Life.Live?.CheckIns.Count ?? 0;
                Signals += pilot.Life.Signals.Count;
                Outcomes += pilot.Life.Outcomes.Count;
            }
        }
    }
}

/// <summary>A progress bar on a terminal; a plain line every few seconds when the output goes to a file or a pipe.</summary>
internal sealed class SeedProgress(TextWriter output, int total, bool interactive, TimeProvider time)
{
    private const int Width = 40;
    private readonly long _started = time.GetTimestamp();
    private long _lastLine = time.GetTimestamp();

    public void Report(int done)
    {
        var elapsed = time.GetElapsedTime(_started).TotalSeconds;
        var rate = done / Math.Max(0.001, elapsed);
        var eta = rate > 0 ? (total - done) / rate : 0;
        if (interactive)
        {
            var filled = (int)((long)done * Width / total);
            output.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {done * 100L / total,3}% {done:N0}/{total:N0}  {rate:N0}/s  {eta:N0} s left "));
            output.Flush();
        }
        else if (time.GetElapsedTime(_lastLine).TotalSeconds >= 5 || done == total)
        {
            _lastLine = time.GetTimestamp();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{done:N0}/{total:N0} assessments ({done * 100L / total}%), {rate:N0}/s, {eta:N0} s left"));
        }
    }

    public void Done()
    {
        if (interactive)
        {
            output.WriteLine();
        }
    }
}
