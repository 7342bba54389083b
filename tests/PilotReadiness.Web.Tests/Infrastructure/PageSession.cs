using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PilotReadiness.Web.Tests.Infrastructure;

/// <summary>
/// One person in a browser, minus the script: keeps cookies (so the antiforgery cookie goes back with the token),
/// never follows a redirect by itself (so tests can assert it), and reads every answer with AngleSharp.
/// </summary>
public sealed class PageSession : IDisposable
{
    public const string TokenField = "__RequestVerificationToken";

    private TestUser? _signInAs;

    /// <summary>A browser; with <paramref name="user"/>, it signs in through the sign-in page before its first request.</summary>
    public PageSession(WebApplicationFactory<Program> app, TestUser? user = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        Client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        _signInAs = user;
    }

    public HttpClient Client { get; }

    public async Task<WebPage> GetAsync(string url)
    {
        await EnsureSignedInAsync();
        using var response = await Client.GetAsync(new Uri(url, UriKind.Relative));
        return await WebPage.ReadAsync(this, url, response);
    }

    /// <summary>POSTs exactly these fields, form-encoded (repeat a name for several values).</summary>
    public async Task<WebPage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        await EnsureSignedInAsync();
        using var content = new FormUrlEncodedContent(fields);
        using var response = await Client.PostAsync(new Uri(url, UriKind.Relative), content);
        return await WebPage.ReadAsync(this, url, response);
    }

    /// <summary>POSTs these fields and, when given, a file under <paramref name="fileField"/>, as multipart/form-data.</summary>
    public async Task<WebPage> PostMultipartAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string fileField, byte[]? file, string fileName)
    {
        await EnsureSignedInAsync();
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        if (file is null)
        {
            // What a browser sends for a file input left empty: a part without a file name and no content.
            content.Add(new ByteArrayContent([]), fileField);
        }
        else
        {
            content.Add(new ByteArrayContent(file), fileField, fileName);
        }

        using var response = await Client.PostAsync(new Uri(url, UriKind.Relative), content);
        return await WebPage.ReadAsync(this, url, response);
    }

    /// <summary>Asserts <paramref name="redirect"/> is a 302 and GETs where it points.</summary>
    public Task<WebPage> FollowAsync(WebPage redirect)
    {
        ArgumentNullException.ThrowIfNull(redirect);
        return GetAsync(redirect.RedirectLocation());
    }

    /// <summary>Signs in through the sign-in page, as a person would; the session keeps the cookie.</summary>
    public async Task SignInAsync(TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        _signInAs = null;
        var page = (await GetAsync("/account/login")).Expect(System.Net.HttpStatusCode.OK);
        var signedIn = await page.Form()
            .Set("Input.Email", user.Email)
            .Set("Input.Password", TestUsers.Password)
            .SubmitAsync();
        Assert.True(signedIn.Status == System.Net.HttpStatusCode.Redirect, $"Signing in {user.Email} through the page answered {signedIn.Status}.");
    }

    private Task EnsureSignedInAsync() => _signInAs is { } user ? SignInAsync(user) : Task.CompletedTask;

    public void Dispose() => Client.Dispose();
}

/// <summary>A response as a page: status, redirect target, body and its parsed document.</summary>
public sealed partial class WebPage
{
    private static readonly HtmlParser Parser = new();

    private WebPage(PageSession session, string url, HttpStatusCode status, string? location, string? contentType, string body)
    {
        Session = session;
        Url = url;
        Status = status;
        Location = location;
        ContentType = contentType;
        Body = body;
        Document = Parser.ParseDocument(body);
    }

    public PageSession Session { get; }

    /// <summary>The address that was requested (relative).</summary>
    public string Url { get; }

    public HttpStatusCode Status { get; }

    public string? Location { get; }

    public string? ContentType { get; }

    /// <summary>The body exactly as sent, for assertions on encoding.</summary>
    public string Body { get; }

    public IHtmlDocument Document { get; }

    /// <summary>The visible text of the page, whitespace collapsed.</summary>
    public string Text => Squash(Document.Body?.TextContent ?? "");

    internal static async Task<WebPage> ReadAsync(PageSession session, string url, HttpResponseMessage response) =>
        new(session, url, response.StatusCode, response.Headers.Location?.OriginalString,
            response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());

    /// <summary>Asserts the status, showing what came back when it differs.</summary>
    public WebPage Expect(HttpStatusCode status)
    {
        Assert.True(Status == status,
            $"{Url}: expected {(int)status}, got {(int)Status}{(Location is null ? "" : $" to {Location}")}: {Excerpt()}");
        return this;
    }

    /// <summary>Asserts a 302 and returns where it points.</summary>
    public string RedirectLocation()
    {
        Expect(HttpStatusCode.Found);
        Assert.NotNull(Location);
        return Location;
    }

    /// <summary>The one element matching <paramref name="selector"/>.</summary>
    public IElement Find(string selector)
    {
        var found = Document.QuerySelectorAll(selector);
        Assert.True(found.Length == 1, $"{Url}: expected one '{selector}', found {found.Length}: {Excerpt()}");
        return found[0];
    }

    /// <summary>The text of every element matching <paramref name="selector"/>, whitespace collapsed.</summary>
    public IReadOnlyList<string> Texts(string selector) => [.. Document.QuerySelectorAll(selector).Select(e => Squash(e.TextContent))];

    public string TextOf(string selector) => Squash(Find(selector).TextContent);

    /// <summary>The form matching <paramref name="selector"/>, with the values a browser would send from it.</summary>
    /// <summary>The first form on the page's main content that posts (the header's sign-out form is not one).</summary>
    public HtmlForm Form()
    {
        var form = Document.QuerySelectorAll("main form[method=post]").OfType<IHtmlFormElement>().FirstOrDefault();
        Assert.True(form is not null, $"{Url}: no form that posts in the main content: {Excerpt()}");
        return new HtmlForm(this, form);
    }

    public HtmlForm Form(string selector)
    {
        var form = Find(selector) as IHtmlFormElement;
        Assert.NotNull(form);
        return new HtmlForm(this, form);
    }

    public JsonElement Json()
    {
        Assert.True(ContentType == "application/json", $"{Url}: expected JSON, got {ContentType}: {Excerpt()}");
        return JsonDocument.Parse(Body).RootElement.Clone();
    }

    public override string ToString() => $"{(int)Status} {Url}";

    private string Excerpt()
    {
        var text = ContentType == "text/html" ? Text : Body;
        return text.Length <= 1500 ? text : text[..1500] + "…";
    }

    private static string Squash(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>
/// A form as a browser would submit it: hidden fields (the antiforgery token, the version), typed values, checked
/// radios and boxes; change fields with <see cref="Set"/>, then press a button.
/// </summary>
public sealed class HtmlForm
{
    private readonly WebPage _page;
    private readonly IHtmlFormElement _form;
    private readonly List<KeyValuePair<string, string>> _fields = [];

    internal HtmlForm(WebPage page, IHtmlFormElement form)
    {
        _page = page;
        _form = form;
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled"))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "submit" or "button" or "reset" or "image" or "file" }:
                    break;
                case IHtmlInputElement { Type: "radio" or "checkbox" } box:
                    if (box.IsChecked)
                    {
                        _fields.Add(new(name, box.Value));
                    }

                    break;
                case IHtmlInputElement input:
                    _fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement textArea:
                    _fields.Add(new(name, textArea.Value));
                    break;
                case IHtmlSelectElement select:
                    _fields.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
            }
        }
    }

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>Where the form posts when no button overrides it.</summary>
    public string Action => _form.GetAttribute("action") is { Length: > 0 } action ? action : _page.Url;

    public IReadOnlyList<string> Values(string name) => [.. _fields.Where(f => f.Key == name).Select(f => f.Value)];

    /// <summary>The single value of <paramref name="name"/>.</summary>
    public string Value(string name) => Assert.Single(Values(name));

    /// <summary>Replaces every value of <paramref name="name"/> (no values: the field is not sent at all).</summary>
    public HtmlForm Set(string name, params string[] values)
    {
        _fields.RemoveAll(f => f.Key == name);
        _fields.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        return this;
    }

    public HtmlForm Set(IEnumerable<KeyValuePair<string, string[]>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var (name, values) in fields)
        {
            Set(name, values);
        }

        return this;
    }

    /// <summary>Presses the form's only submit button, or none if it has none.</summary>
    public Task<WebPage> SubmitAsync()
    {
        var buttons = SubmitButtons().ToList();
        return buttons.Count switch
        {
            0 => _page.Session.PostAsync(Action, _fields),
            1 => PressAsync(buttons[0]),
            _ => throw new InvalidOperationException($"{_page.Url}: the form has {buttons.Count} buttons; say which with ClickAsync."),
        };
    }

    /// <summary>Presses the button matching <paramref name="selector"/>: sends its name and value, honours its formaction.</summary>
    public Task<WebPage> ClickAsync(string selector)
    {
        var matches = SubmitButtons().Where(b => b.Matches(selector)).ToList();
        Assert.True(matches.Count == 1, $"{_page.Url}: expected one button '{selector}' in the form, found {matches.Count}.");
        return PressAsync(matches[0]);
    }

    /// <summary>Presses the button named <paramref name="name"/> with <paramref name="value"/>, e.g. nav=next.</summary>
    public Task<WebPage> ClickAsync(string name, string value) => ClickAsync($"button[name='{name}'][value='{value}']");

    /// <summary>Sends the fields to another address, as a script would (e.g. the autosave handler).</summary>
    public Task<WebPage> PostToAsync(string url) => _page.Session.PostAsync(url, _fields);

    /// <summary>Submits the form as multipart/form-data, with <paramref name="file"/> (or no file) in its file input <paramref name="fileField"/>.</summary>
    public Task<WebPage> SubmitWithFileAsync(string fileField, byte[]? file, string fileName = "evidence.pdf") =>
        _page.Session.PostMultipartAsync(Action, _fields, fileField, file, fileName);

    private Task<WebPage> PressAsync(IElement button)
    {
        var fields = new List<KeyValuePair<string, string>>(_fields);
        if (button.GetAttribute("name") is { Length: > 0 } name)
        {
            fields.Add(new(name, button.GetAttribute("value") ?? ""));
        }

        var action = button.GetAttribute("formaction") is { Length: > 0 } formAction ? formAction : Action;
        return _page.Session.PostAsync(action, fields);
    }

    private IEnumerable<IElement> SubmitButtons() => _form.Elements.Where(e =>
        e is IHtmlButtonElement { Type: "submit" } or IHtmlInputElement { Type: "submit" or "image" });
}
