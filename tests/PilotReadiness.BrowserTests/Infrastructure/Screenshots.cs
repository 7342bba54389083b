using Microsoft.Playwright;

namespace PilotReadiness.BrowserTests.Infrastructure;

/// <summary>Full-page screenshots for people to look at, in <c>artifacts/screenshots/</c> at the repository root.</summary>
public static class Screenshots
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    });

    /// <summary>Saves <c>name.png</c> and returns its path.</summary>
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = Path.Combine(Folder.Value, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = path,
            FullPage = true,
            Animations = ScreenshotAnimations.Disabled,

            // A full page is heavy to paint; on a busy machine it may take far longer than a click, and a slow
            // picture is no reason to fail the test that takes it.
            Timeout = 60_000,

            // A full-page capture would paint the wizard's sticky action bar where the first screen ends, over the
            // questions; in a picture of the whole page it belongs at the end of the form.
            Style = ".wizard-actions { position: static !important; }",
        });
        return path;
    }

    /// <summary>The folder holding PilotReadiness.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PilotReadiness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PilotReadiness.sln above {AppContext.BaseDirectory}; cannot find the repository root.");
    }
}
