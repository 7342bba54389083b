using System.Net;
using System.Text;

namespace PilotReadiness.Web.Email;

/// <summary>
/// Builds an email's plain-text and HTML bodies together from the same paragraphs, lists and links, HTML-encoding every
/// value: what the reminder sources write their emails with.
/// </summary>
public sealed class EmailBody
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _html = new();

    public EmailBody Paragraph(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _text.Append(text).Append("\n\n");
        _html.Append("<p>").Append(Enc(text)).Append("</p>");
        return this;
    }

    /// <summary>A link on its own line; the text body shows the address after the label.</summary>
    public EmailBody Link(string label, string url)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(url);
        _text.Append(label).Append(": ").Append(url).Append("\n\n");
        _html.Append("<p><a href=\"").Append(Enc(url)).Append("\">").Append(Enc(label)).Append("</a></p>");
        return this;
    }

    /// <summary>A bulleted list; each item may link to a page (<c>Url</c> null for none).</summary>
    public EmailBody List(IEnumerable<(string Text, string? Url)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _html.Append("<ul>");
        foreach (var (text, url) in items)
        {
            _text.Append("- ").Append(text);
            _html.Append("<li>");
            if (url is null)
            {
                _html.Append(Enc(text));
            }
            else
            {
                _text.Append("\n  ").Append(url);
                _html.Append("<a href=\"").Append(Enc(url)).Append("\">").Append(Enc(text)).Append("</a>");
            }

            _text.Append('\n');
            _html.Append("</li>");
        }

        _text.Append('\n');
        _html.Append("</ul>");
        return this;
    }

    public string Text => _text.ToString().TrimEnd() + "\n";

    public string Html => _html.ToString();

    private static string Enc(string value) => WebUtility.HtmlEncode(value);
}

/// <summary>
/// Absolute links for emails sent without a request to take the host from (reminders): <c>App:PublicUrl</c> followed by
/// the path. Without the setting the link is the bare path, and the app warns at start-up.
/// </summary>
public sealed class PublicLinks(IConfiguration configuration)
{
    public const string Setting = "App:PublicUrl";

    public string? BaseUrl { get; } = string.IsNullOrWhiteSpace(configuration[Setting]) ? null : configuration[Setting]!.TrimEnd('/');

    /// <summary>The address of <paramref name="path"/> (which starts with a slash).</summary>
    public string To(string path) => BaseUrl + path;
}
