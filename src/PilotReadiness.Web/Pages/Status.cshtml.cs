using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PilotReadiness.Web.Pages;

/// <summary>Friendly page for error status codes (404 and the rest), shown by the status-code-pages middleware.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Heading, Explanation) = code switch
        {
            404 => ("Page not found", "There is nothing at this address. The assessment may have been removed, or the link may be mistyped."),
            400 => ("That request could not be read", "Something in the request was not in the expected form, or the page had expired. Go back, reload the page and try again."),
            403 => ("Not available to you", "Your account does not have access to this page. If you think it should, ask an administrator."),
            429 => ("Too many attempts", "Please wait a minute before trying again."),
            405 => ("That action is not available here", "This page cannot do what was asked. Go back and use the page's own buttons."),
            _ => ("Something went wrong", "The request could not be completed. Your saved answers are safe."),
        };
    }
}
