using System.Diagnostics;
using System.Net;
using System.Text.Json;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Api;

/// <summary>
/// The OpenAPI document passes Redocly's recommended rules with no error and no warning, as a client's tooling reads
/// it. The linter is Redocly's CLI, which tests/run.sh installs and names in <see cref="RedoclyVariable"/>.
/// </summary>
public sealed class OpenApiLintTests(PostgresAppFactory app) : PostgresTest(app)
{
    public const string RedoclyVariable = "PILOTREADINESS_REDOCLY";

    [Fact]
    public async Task OpenApiDocument_PassesRedoclyRecommendedRules_WithNoErrorOrWarning()
    {
        var redocly = Environment.GetEnvironmentVariable(RedoclyVariable);
        Assert.False(string.IsNullOrWhiteSpace(redocly),
            $"{RedoclyVariable} is not set: run the tests with tests/run.sh (it installs Redocly's CLI and sets it), or set it to " +
            "the path of a `redocly` executable (npm install @redocly/cli@1.34.20).");
        using var response = await App.CreateClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var document = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = Path.Combine(Path.GetTempPath(), $"pilotreadiness-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, document);
        try
        {
            var (exitCode, output, errors) = await RunAsync(redocly!, "lint", "--extends=recommended", "--format=json", path);
            var report = JsonDocument.Parse(output).RootElement;
            var totals = report.GetProperty("totals");
            var problems = report.GetProperty("problems").EnumerateArray()
                .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()} at " +
                             $"{p.GetProperty("location")[0].GetProperty("pointer").GetString()}: {p.GetProperty("message").GetString()}")
                .ToList();
            Assert.True(totals.GetProperty("errors").GetInt32() == 0 && totals.GetProperty("warnings").GetInt32() == 0 && exitCode == 0,
                $"redocly lint (exit {exitCode}) found:\n{string.Join('\n', problems)}\n{errors}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
