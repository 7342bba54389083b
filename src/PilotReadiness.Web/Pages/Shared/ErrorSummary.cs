namespace PilotReadiness.Web.Pages;

/// <summary>One line of a form's error summary: the ModelState key and the id of the control its link moves to.</summary>
public sealed record SummaryItem(string Key, string TargetId);

/// <summary>
/// The model of <c>Shared/_ErrorSummary.cshtml</c>, the one error summary of every form: the form's fields in page order,
/// so the summary reads in that order.
/// </summary>
public sealed record ErrorSummary(string Heading, IReadOnlyList<SummaryItem> Items)
{
    public const string CheckTheseFields = "Please check these fields";

    /// <summary>Summary items for <c>Input.X</c> fields rendered with <c>asp-for</c> (ids like <c>Input_X</c>).</summary>
    public static IReadOnlyList<SummaryItem> ForInput(params string[] properties) =>
        [.. properties.Select(p => new SummaryItem($"Input.{p}", $"Input_{p}"))];

    /// <summary>Summary items for ModelState keys whose controls have the ids <c>asp-for</c> gives them (<c>Input.A[0].B</c> → <c>Input_A_0__B</c>).</summary>
    public static IReadOnlyList<SummaryItem> ForKeys(IEnumerable<string> keys, Func<string, string?>? target = null) =>
        [.. keys.Select(k => new SummaryItem(k, target?.Invoke(k) ?? IdFor(k)))];

    /// <summary>The id ASP.NET Core gives the control of a form key.</summary>
    public static string IdFor(string key) => Microsoft.AspNetCore.Mvc.Rendering.TagBuilder.CreateSanitizedId(key, "_");
}
