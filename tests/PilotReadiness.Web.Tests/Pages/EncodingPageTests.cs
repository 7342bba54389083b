using System.Net;
using PilotReadiness.Web.Tests.Infrastructure;

namespace PilotReadiness.Web.Tests.Pages;

/// <summary>What people type is shown as text, never run as markup.</summary>
public sealed class EncodingPageTests(PostgresAppFactory app) : PageTest(app)
{
    private const string Title = "<script>alert(1)</script>";
    private const string EncodedTitle = "&lt;script&gt;alert(1)&lt;/script&gt;";
    private const string Description = "<b onmouseover=alert(2)>bold</b>";
    private const string WhatThen = "<script>alert(3)</script> then roll out";
    private const string EncodedWhatThen = "&lt;script&gt;alert(3)&lt;/script&gt; then roll out";
    private const string Sponsor = "<img src=x onerror=alert(4)>";

    [Fact]
    public async Task ReviewAndResults_MarkupInTitleAndAnswers_IsShownEncoded()
    {
        var id = await StartWithMarkupAsync();

        var review = (await Browser.GetAsync(ReviewUrl(id))).Expect(HttpStatusCode.OK);
        var results = (await Browser.GetAsync(ResultsUrl(id))).Expect(HttpStatusCode.OK);

        AssertInert(review);
        Assert.Contains(EncodedTitle, review.Body, StringComparison.Ordinal);
        Assert.Contains(EncodedWhatThen, review.Body, StringComparison.Ordinal);
        Assert.Equal($"Review: {Title}", review.TextOf("main h1"));
        Assert.Equal(Description, review.TextOf("p.lead"));
        Assert.Contains(WhatThen, review.Texts("dl.answers dd"));
        Assert.Contains(Sponsor, review.Texts("dl.answers dd"));
        Assert.StartsWith($"Review: {Title}", review.Document.Title, StringComparison.Ordinal);

        AssertInert(results);
        Assert.Contains(EncodedTitle, results.Body, StringComparison.Ordinal);
        Assert.Contains(EncodedWhatThen, results.Body, StringComparison.Ordinal);
        Assert.Equal(Title, results.TextOf("main h1"));
        Assert.Contains(WhatThen, results.Texts(".reason-table td"));
        Assert.Contains(Sponsor, results.Texts(".reason-table td"));
    }

    [Fact]
    public async Task StepAndList_MarkupInTitleAndAnswers_IsShownEncoded()
    {
        var id = await StartWithMarkupAsync();

        var step = (await Browser.GetAsync(StepUrl(id, "commitment"))).Expect(HttpStatusCode.OK);
        var list = (await Browser.GetAsync("/assessments?q=" + Uri.EscapeDataString("<script>"))).Expect(HttpStatusCode.OK);

        AssertInert(step);
        Assert.StartsWith(Title, step.TextOf(".eyebrow"), StringComparison.Ordinal);
        Assert.Equal(WhatThen, step.Form().Value("commitment.what-then"));
        Assert.Equal(Sponsor, step.Form().Value("commitment.executive-sponsor"));
        Assert.Contains(EncodedWhatThen, step.Body, StringComparison.Ordinal);

        AssertInert(list);
        Assert.Equal([Title], list.Texts("table tbody td:first-child > a"));
        Assert.Equal("<script>", list.Find("#q").GetAttribute("value"));
        Assert.Contains(EncodedTitle, list.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_MarkupInARefusedAnswer_IsShownEncodedInTheErrorPage()
    {
        var id = await StartWithMarkupAsync();
        var form = (await Browser.GetAsync(StepUrl(id, "commitment"))).Form();

        var page = await form.Set("commitment.purpose", "<script>alert(5)</script>").ClickAsync("nav", "next");

        page.Expect(HttpStatusCode.BadRequest);
        AssertInert(page);
        Assert.StartsWith("'<script>alert(5)</script>' is not one of the options", page.TextOf("#q-commitment-purpose-block .field-error"),
            StringComparison.Ordinal);
    }

    private async Task<Guid> StartWithMarkupAsync()
    {
        var id = await StartAsync(Title, Description);
        var form = (await Browser.GetAsync(StepUrl(id, "commitment"))).Form();
        var saved = await form
            .Set("commitment.what-then", WhatThen)
            .Set("commitment.executive-sponsor", Sponsor)
            .ClickAsync("nav", "next");
        saved.RedirectLocation();
        return id;
    }

    /// <summary>No markup from the input made it into the page: only the layout's own scripts, no images, no handlers.</summary>
    private static void AssertInert(WebPage page)
    {
        Assert.DoesNotContain("<script>alert", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<b onmouseover", page.Body, StringComparison.Ordinal);
        Assert.All(page.Document.Scripts, s => Assert.False(string.IsNullOrEmpty(s.Source), $"Inline script: {s.Text}"));
        Assert.Empty(page.Document.Images);
        Assert.Empty(page.Document.QuerySelectorAll("[onerror], [onmouseover]"));
    }
}
