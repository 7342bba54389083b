using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;
using PilotReadiness.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PilotReadiness.BrowserTests;

/// <summary>
/// The export group of the portfolio dashboard as the demo reviewer uses it: CSV and XLSX downloads hold every pilot
/// the filters select (not just the page shown), the ZIP of reports shows its progress and arrives whole, and the
/// group passes axe at desktop and phone widths.
/// </summary>
public sealed partial class ExportTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>Submitted pilots by title, five to a page: the exports must ignore the page and hold every one.</summary>
    private const string View = "/portfolio?status=submitted&sort=title&dir=asc&pageSize=5";

    [Fact]
    public async Task Reviewer_DownloadsCsvAndXlsx_WithEveryPilotTheFiltersSelect()
    {
        var page = await OpenReviewerPageAsync();
        await page.GotoAsync(View);
        var total = await FilteredTotalAsync(page);
        var titlesShown = (await page.Locator(".portfolio-table").First.Locator("tbody th.pilot > a").AllTextContentsAsync()).Select(t => t.Trim()).ToList();
        await Expect(page.Locator("#export-what")).ToContainTextAsync($"Export the {Pilots(total)} these filters select");

        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true }).ClickAsync());
        Assert.EndsWith(".csv", csv.SuggestedFilename, StringComparison.Ordinal);
        var csvBytes = await File.ReadAllBytesAsync(await csv.PathAsync());
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csvBytes[..3]);
        var records = ParseCsv(Encoding.UTF8.GetString(csvBytes, 3, csvBytes.Length - 3));
        Assert.Equal("Pilot", records[0][1]);
        Assert.Equal(total + 1, records.Count);
        Assert.All(records[1..], r => Assert.Equal(records[0].Count, r.Count));
        Assert.All(records[1..], r => Assert.Equal("submitted", r[5]));
        // The same order as the table: its first page is the start of the export.
        Assert.Equal(titlesShown, records.Skip(1).Take(titlesShown.Count).Select(r => r[1]));

        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Excel (XLSX)" }).ClickAsync());
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename, StringComparison.Ordinal);
        using (var document = SpreadsheetDocument.Open(await xlsx.PathAsync(), false))
        {
            var workbook = document.WorkbookPart!;
            var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
            Assert.Equal(["Pilots", "Findings and actions"], sheets.Select(s => s.Name?.Value));
            var pilots = (WorksheetPart)workbook.GetPartById(sheets[0].Id!);
            Assert.Equal(total + 1, pilots.Worksheet.Descendants<Row>().Count());
        }

        // The downloads leave the dashboard where it was.
        await Expect(page).ToHaveURLAsync(Fixture.BaseUrl + View);
    }

    [Fact]
    public async Task Reviewer_DownloadsTheReportsZip_AndSeesItsProgress()
    {
        var page = await OpenReviewerPageAsync();
        await page.GotoAsync(View);
        var total = await FilteredTotalAsync(page);
        var status = page.Locator("[data-export-status]");
        await Expect(status).ToHaveAttributeAsync("aria-live", "polite");

        // Every text the live region is given, in order.
        await page.EvaluateAsync("""
            () => {
                const status = document.querySelector("[data-export-status]");
                window.__statusTexts = [];
                new MutationObserver(() => window.__statusTexts.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
            }
            """);

        var zip = await page.RunAndWaitForDownloadAsync(
            () => page.GetByRole(AriaRole.Link, new() { Name = "Reports (ZIP of PDFs)" }).ClickAsync(),
            new() { Timeout = 120_000 });

        await Expect(status).ToHaveTextAsync(new Regex($"^Done: {Regex.Escape(Pilots(total).Replace("pilot", "report", StringComparison.Ordinal))} saved as reports-[0-9-]+\\.zip\\.$"));
        await Expect(page.Locator("[data-export-progress]")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-export-fallback]")).ToBeHiddenAsync();
        var counts = (await page.EvaluateAsync<string[]>("() => window.__statusTexts"))
            .Select(t => ProgressText().Match(t)).Where(m => m.Success)
            .Select(m => (Done: int.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture),
                Of: int.Parse(m.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)))
            .ToList();
        Assert.NotEmpty(counts);
        Assert.All(counts, c => Assert.Equal(total, c.Of));
        Assert.All(counts, c => Assert.InRange(c.Done, 0, total));
        Assert.Equal(counts.Select(c => c.Done).Order(), counts.Select(c => c.Done));
        Assert.Matches("^reports-[0-9]{4}-[0-9]{2}-[0-9]{2}\\.zip$", zip.SuggestedFilename);
        using (var archive = ZipFile.OpenRead(await zip.PathAsync()))
        {
            Assert.Equal(total, archive.Entries.Count);
            Assert.All(archive.Entries, entry => Assert.Matches("^[A-Za-z0-9-]+-go-no-go-report-v[0-9]+-[0-9a-f]{8}\\.pdf$", entry.FullName));
            using var first = archive.Entries[0].Open();
            var head = new byte[4];
            await first.ReadExactlyAsync(head);
            Assert.Equal("%PDF"u8.ToArray(), head);
        }

        await Screenshots.SaveAsync(page, "desktop-portfolio-export-done");
        await SaveGroupAsync(page, "desktop-portfolio-export-group-done");
        await Accessibility.AssertNoViolationsAsync(page, "portfolio after a ZIP export (desktop)");
    }

    [Fact]
    public async Task ZipProgress_ShowsWhileWaiting_AndCancelStopsIt()
    {
        var page = await OpenReviewerPageAsync();
        // Hold the answer back until the test has seen the progress, so the running state can be looked at.
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/api/portfolio/reports.zip*", async route =>
        {
            await release.Task.WaitAsync(TimeSpan.FromSeconds(30));
            try
            {
                await route.ContinueAsync();
            }
            catch (PlaywrightException)
            {
                // The page cancelled the request first: there is nothing left to continue.
            }
        });
        await page.GotoAsync(View);

        await page.GetByRole(AriaRole.Link, new() { Name = "Reports (ZIP of PDFs)" }).ClickAsync();

        await Expect(page.Locator("[data-export-status]")).ToHaveTextAsync("Preparing the reports…");
        await Expect(page.Locator("[data-export-progress] progress")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "desktop-portfolio-export-running");
        await SaveGroupAsync(page, "desktop-portfolio-export-group-running");
        await Accessibility.AssertNoViolationsAsync(page, "portfolio during a ZIP export (desktop)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        release.SetResult();

        await Expect(page.Locator("[data-export-status]")).ToHaveTextAsync("Cancelled. Nothing was saved.");
        await Expect(page.Locator("[data-export-progress]")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task ZipFailure_SaysSo_AndOffersThePlainLink()
    {
        var page = await OpenReviewerPageAsync();
        await page.RouteAsync("**/api/portfolio/reports.zip*", route => route.FulfillAsync(new() { Status = 503, Body = "" }));
        await page.GotoAsync(View);

        await page.GetByRole(AriaRole.Link, new() { Name = "Reports (ZIP of PDFs)" }).ClickAsync();

        await Expect(page.Locator("[data-export-status]")).ToHaveTextAsync("The reports could not be downloaded (the server answered 503).");
        var plain = page.GetByRole(AriaRole.Link, new() { Name = "Download the ZIP without the progress bar" });
        await Expect(plain).ToBeVisibleAsync();
        await Expect(plain).ToHaveAttributeAsync("href", new Regex("^/api/portfolio/reports\\.zip\\?status=submitted&sort=title&dir=asc$"));
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task ExportGroup_HasNoAxeViolations(string device)
    {
        var page = await OpenReviewerPageAsync(device == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop);
        await page.GotoAsync(View);

        var group = page.Locator("section.export");
        await Expect(group.GetByRole(AriaRole.Heading, new() { Name = "Export" })).ToBeVisibleAsync();
        await SaveGroupAsync(page, $"{device}-portfolio-export-group");
        await Screenshots.SaveAsync(page, $"{device}-portfolio-with-export");
        await Accessibility.AssertNoViolationsAsync(page, $"portfolio with the export group ({device})");
    }

    /// <summary>A picture of the export group alone, beside the full-page screenshots.</summary>
    private static async Task SaveGroupAsync(IPage page, string name) =>
        await page.Locator("section.export").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.RepositoryRoot(), "artifacts", "screenshots", name + ".png") });

    /// <summary>How many pilots the view selects, as the pager says ("Pilots 1–5 of 9 · page 1 of 2").</summary>
    private static async Task<int> FilteredTotalAsync(IPage page)
    {
        var pager = (await page.Locator(".pager .muted").TextContentAsync())!;
        var total = int.Parse(PagerTotal().Match(pager).Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.True(total > 5, $"The demo portfolio has more submitted pilots than fit on a page of five ({pager}).");
        return total;
    }

    private static string Pilots(int count) => count.ToString("N0", CultureInfo.InvariantCulture) + (count == 1 ? " pilot" : " pilots");

    /// <summary>A minimal RFC 4180 reader: commas, double-quoted fields with doubled quotes and line breaks, CRLF between records.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.False(quoted, "The CSV ends inside a quoted field.");
        Assert.True(field.Length == 0 && record.Count == 0, "The CSV's last record does not end with CRLF.");
        return records;
    }

    [GeneratedRegex("^([0-9,]+) of ([0-9,]+) reports…$")]
    private static partial Regex ProgressText();

    [GeneratedRegex("of ([0-9,]+) ·")]
    private static partial Regex PagerTotal();
}
