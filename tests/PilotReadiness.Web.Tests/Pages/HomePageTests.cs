using System.Net;
using PilotReadiness.Web.Auth;
using PilotReadiness.Web.Tests.Infrastructure;
using PilotReadiness.Web.Tests.Security;

namespace PilotReadiness.Web.Tests.Pages;

/// <summary>Each role's home page shows what that role has to do next, and no page offers what the role may not do.</summary>
public sealed class HomePageTests(PostgresAppFactory app) : PageTest(app)
{
    [Fact]
    public async Task Home_Sponsor_SeesTheirDraftsWithTheFixThatRaisesEachMost()
    {
        var draft = await Client.CreateAssessmentAsync("Invoice matching assistant");
        var fixFirst = (await Client.GetScoreAsync(draft.Id)).GetProperty("findings")[0].GetProperty("action").GetString();

        var page = (await Browser.GetAsync("/")).Expect(HttpStatusCode.OK);

        Assert.Equal(["Invoice matching assistant"], page.Texts("[aria-labelledby=drafts] .home-title"));
        Assert.Equal($"Fix first: {fixFirst} What to fix in Invoice matching assistant", page.TextOf("[aria-labelledby=drafts] .home-fix"));
        Assert.Equal($"/assessments/{draft.Id}/results#findings-heading", page.Find("[aria-labelledby=drafts] .home-fix a").GetAttribute("href"));
        Assert.NotNull(page.Find("main a[href='/assessments/new']"));
        Assert.Empty(page.Document.QuerySelectorAll("#awaiting, #attention, #invited"));
    }

    [Fact]
    public async Task Home_Reviewer_SeesTheDecisionsWaitingAndWhatNeedsAttention_AndNoWayToStartAnAssessment()
    {
        var submitted = await Client.CreateReadyAssessmentAsync("Customer email triage");
        (await Client.PostActionAsync(submitted.Id, "submit")).Dispose();
        await Client.CreateAssessmentAsync("Still a draft");
        using var reviewer = NewSession(TestUsers.Reviewer);

        var page = (await reviewer.GetAsync("/")).Expect(HttpStatusCode.OK);

        Assert.Equal("What needs you", page.TextOf("h1"));
        Assert.Equal(["Customer email triage"], page.Texts("[aria-labelledby=awaiting] .home-title"));
        Assert.Equal($"/assessments/{submitted.Id}/decide", page.Find("[aria-labelledby=awaiting] .home-title").GetAttribute("href"));
        Assert.Equal("1", page.TextOf("#awaiting .count-badge"));
        Assert.NotNull(page.Find("[aria-labelledby=attention] a[href='/portfolio']"));
        Assert.Empty(page.Document.QuerySelectorAll("a[href='/assessments/new'], #drafts"));
    }

    [Fact]
    public async Task Home_Admin_SeesInvitationsNotAcceptedYet_AndNoWayToStartAnAssessmentOrDecide()
    {
        var invited = new TestUser($"aaa-invited-{Guid.NewGuid():N}@home.test", "AAA Invited Person", Roles.Sponsor);
        await SecurityUsers.CreateAsync(App.Services, invited, withPassword: false);
        try
        {
            var submitted = await Client.CreateReadyAssessmentAsync("Customer email triage");
            (await Client.PostActionAsync(submitted.Id, "submit")).Dispose();
            using var admin = NewSession(TestUsers.Admin);

            var page = (await admin.GetAsync("/")).Expect(HttpStatusCode.OK);

            Assert.Contains($"AAA Invited Person {invited.Email}", page.Texts("[aria-labelledby=invited] li"));
            Assert.NotNull(page.Find("[aria-labelledby=invited] a[href='/admin/users#invite-title']"));
            Assert.Empty(page.Document.QuerySelectorAll("a[href='/assessments/new'], a[href$='/decide'], #drafts, #awaiting"));
        }
        finally
        {
            await SecurityUsers.DeleteAsync(App.Services, [invited.Email]);
        }
    }

    public static TheoryData<string> RoleNames => [TestUsers.Sponsor.Role, TestUsers.Reviewer.Role, TestUsers.Admin.Role];

    /// <summary>Every link on the home page and the assessment list (the menu included) opens for the role that sees it.</summary>
    [Theory]
    [MemberData(nameof(RoleNames))]
    public async Task HomeAndList_EveryLinkOffered_OpensForThatRole(string role)
    {
        var submitted = await Client.CreateReadyAssessmentAsync("Customer email triage");
        (await Client.PostActionAsync(submitted.Id, "submit")).Dispose();
        await Client.CreateAssessmentAsync("Still a draft");
        var user = TestUsers.All.First(u => u.Role == role);
        using var session = NewSession(user);

        var links = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var start in new[] { "/", "/assessments" })
        {
            var page = (await session.GetAsync(start)).Expect(HttpStatusCode.OK);
            foreach (var link in page.Document.QuerySelectorAll("a[href^='/']").Select(a => a.GetAttribute("href")!.Split('#')[0]))
            {
                links.Add(link);
            }
        }

        Assert.NotEmpty(links);
        foreach (var link in links.Where(l => !l.StartsWith("/api/", StringComparison.Ordinal)))
        {
            var opened = await session.GetAsync(link);
            Assert.True(opened.Status is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.Found,
                $"As {role}, {link} (offered on the home page or the list) answered {(int)opened.Status}.");
        }
    }
}
