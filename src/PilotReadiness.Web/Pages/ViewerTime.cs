using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PilotReadiness.Web.Pages;

/// <summary>
/// Times on pages are shown in the viewer's time zone: the browser's, which <c>wwwroot/js/timezone.js</c> sends once in
/// the <see cref="CookieName"/> cookie (an IANA name such as <c>Europe/Paris</c>). Without the cookie, or with a name this
/// machine does not know, times are shown in UTC and say so. Exports, the API and the reports keep UTC.
/// </summary>
public static class ViewerTime
{
    public const string CookieName = "tz";

    private const int MaxNameLength = 64;

    /// <summary>The viewer's time zone (UTC unless their browser told us another), read once per request.</summary>
    public static TimeZoneInfo TimeZone(this HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items[typeof(ViewerTime)] is TimeZoneInfo known)
        {
            return known;
        }

        var zone = Parse(http.Request.Cookies[CookieName]);
        http.Items[typeof(ViewerTime)] = zone;
        return zone;
    }

    /// <summary>The zone an IANA (or Windows) name stands for, or UTC for an empty, overlong or unknown name.</summary>
    public static TimeZoneInfo Parse(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxNameLength && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone)
            ? zone
            : TimeZoneInfo.Utc;

    /// <summary>"3 Dec 2026, 14:25 UTC+1": a moment in <paramref name="zone"/>, with its offset so it is never mistaken.</summary>
    public static string When(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return local.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " " + Offset(local.Offset);
    }

    /// <summary>The day of a moment in <paramref name="zone"/>: "3 Dec 2026".</summary>
    public static string Day(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"14:25" in <paramref name="zone"/>.</summary>
    public static string Clock(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"UTC", "UTC+1", "UTC−3:30" (a true minus sign).</summary>
    public static string Offset(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero)
        {
            return "UTC";
        }

        var sign = offset < TimeSpan.Zero ? "\u2212" : "+";
        var abs = offset.Duration();
        return "UTC" + sign + abs.Hours.ToString(CultureInfo.InvariantCulture) +
               (abs.Minutes == 0 ? "" : ":" + abs.Minutes.ToString("00", CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// <c>&lt;time at="@moment" /&gt;</c> (or <c>format="day"</c>): the moment in the viewer's time zone, with a machine-readable
/// UTC <c>datetime</c> attribute.
/// </summary>
[HtmlTargetElement("time", Attributes = "at")]
public sealed class ViewerTimeTagHelper : TagHelper
{
    public DateTimeOffset At { get; set; }

    /// <summary><c>day</c> for the date alone; otherwise date, time and offset.</summary>
    public string? Format { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var zone = ViewContext.HttpContext.TimeZone();
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("datetime", At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        output.Content.SetContent(Format == "day" ? ViewerTime.Day(At, zone) : ViewerTime.When(At, zone));
    }
}
