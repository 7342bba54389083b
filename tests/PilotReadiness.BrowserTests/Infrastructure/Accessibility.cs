using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PilotReadiness.BrowserTests.Infrastructure;

/// <summary>Runs axe-core on a page and fails with a message that says what to fix and where.</summary>
public static class Accessibility
{
    public static async Task AssertNoViolationsAsync(IPage page, string pageName)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe();
        Assert.True(result.Passes.Length > 0, $"axe reported no passing rule on {pageName}: it did not really run.");
        if (result.Violations.Length == 0)
        {
            return;
        }

        var message = Describe(result.Violations, pageName, page.Url, page.ViewportSize);
        Console.WriteLine(message);
        Assert.Fail(message);
    }

    public static string Describe(IEnumerable<AxeResultItem> violations, string pageName, string url, PageViewportSizeResult? viewport)
    {
        ArgumentNullException.ThrowIfNull(violations);
        var list = violations.ToList();
        var text = new StringBuilder();
        text.Append($"axe found {list.Count} violation(s) on {pageName} ({url}");
        if (viewport is not null)
        {
            text.Append($", {viewport.Width}x{viewport.Height}");
        }

        text.AppendLine("):");
        foreach (var violation in list)
        {
            text.AppendLine($"- {violation.Id} [{violation.Impact}] {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes)
            {
                text.AppendLine($"    at {node.Target}: {node.Html}");
                AppendChecks(text, "fix any of", node.Any);
                AppendChecks(text, "fix all of", [.. node.All ?? [], .. node.None ?? []]);
            }
        }

        return text.ToString();
    }

    private static void AppendChecks(StringBuilder text, string heading, AxeResultCheck[]? checks)
    {
        if (checks is null || checks.Length == 0)
        {
            return;
        }

        text.AppendLine($"      {heading}: {string.Join(" | ", checks.Select(c => c.Message))}");
    }
}
