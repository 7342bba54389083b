using System.Globalization;
using System.Text;
using PilotReadiness.Domain.Scoring;

namespace PilotReadiness.Web.Reports;

/// <summary>The fixed wording and formats of the report, shared by the PDF, the Word document and the print page.</summary>
public static class ReportText
{
    public const string DocumentTitle = "Go/no-go report";
    public const string NoDecision = "No decision recorded yet";
    public const string NoDecisionYet = "Leadership's go, go-with-conditions or no-go decision will appear here, next to the computed recommendation.";
    public const string NotGiven = "Not given";
    /// <summary>A waived gate's mark in a report: who waived it and until when.</summary>
    public static string Waived(Domain.Assessments.WaivedGate waiver) =>
        $"Waived by {waiver.WaivedBy} until {waiver.Until:d MMMM yyyy}: it does not cap the recommendation until then.";

    public const string NoGates = "No gate is triggered: the recommendation follows the score.";
    public const string NoFindings = "Nothing to fix: every question earns its full points.";
    public const string NoConfirmations = "Nobody has been named yet for a role that can be confirmed.";
    public const string PilotTheatreTitle = "Pilot theatre";
    public const string PilotTheatre =
        "Nobody has written down what happens if this pilot works, so a good result has nowhere to go. " +
        "Answer \"If this works, what do we do then?\" before anything else.";
    public const string GatesIntro = "A gate caps the recommendation whatever the average score; each must be cleared to do better.";
    public const string FindingsIntro = "Ordered by what would raise readiness most: gates first, then by the points each fix adds.";
    public const string NoDescription = "No description was given.";
    public const string ConfirmationsIntro = "The people named for a role are asked to confirm it; a declined production owner counts as no owner.";
    public const string DecisionsIntro = "Leadership's decisions, newest first. They sit next to the computed recommendation and never change it.";
    public const string AppendixIntro = "Every question of the questionnaire, with the answer as it stood when this report was generated.";
    public const string CommentaryInvitation =
        "Sponsor: add your commentary for the decision makers here, such as what has changed since the answers were given, " +
        "what the findings above mean for this pilot, and what you ask them to decide.";

    /// <summary>What each recommendation means, in one sentence: the same words in every format of the report.</summary>
    public static string VerdictMeaning(Verdict verdict) => verdict switch
    {
        Verdict.Go => "Ready to start: the answers support the rollout.",
        Verdict.GoWithConditions => "Can start once the conditions in the findings are met.",
        Verdict.NotReady => "Not ready to start: fix the findings, then assess again.",
        _ => "Do not start this pilot as it stands.",
    };

    /// <summary>"Questionnaire 1 · scoring model 1".</summary>
    public static string Versions(int questionnaire, string model) =>
        string.Create(CultureInfo.InvariantCulture, $"Questionnaire {questionnaire} · scoring model {model}");

    /// <summary>
    /// An amount of money as the report prints it, e.g. "60,000" or "1,250.5". Every amount in the report goes through
    /// here, so a currency is added in this one place.

    /// <summary>A multiple such as "1.5" (as in "1.5×").</summary>
    public static string Multiple(decimal multiple) => multiple.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>"3 fixes" or "1 fix" and the like: a count with its noun.</summary>
    public static string Count(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Points(decimal gain) => gain.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Score(int score) => score.ToString(CultureInfo.InvariantCulture);

    /// <summary>"Page 2 of 5".</summary>
    public static string PageOf(int page, int pages) =>
        string.Create(CultureInfo.InvariantCulture, $"Page {page} of {pages}");

    /// <summary>
    /// A file name made of ASCII letters, digits and dashes from the pilot's title, e.g.
    /// "Zoë's invoice matcher" → "Zoes-invoice-matcher-go-no-go-report.pdf". Safe in any header and on any file system.
    /// </summary>
    public static string AsciiFileName(string title, string extension)
    {
        ArgumentNullException.ThrowIfNull(title);
        var ascii = new StringBuilder(title.Length);
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            ascii.Append(c switch
            {
                'Ł' => "L", 'ł' => "l", 'Ø' => "O", 'ø' => "o", 'Đ' => "D", 'đ' => "d", 'ß' => "ss",
                'Æ' => "AE", 'æ' => "ae", 'Œ' => "OE", 'œ' => "oe", 'Þ' => "Th", 'þ' => "th", 'ı' => "i",
                '\'' or '’' => "",
                _ when char.IsAsciiLetterOrDigit(c) => c.ToString(),
                _ => "-",
            });
        }

        var slug = string.Join('-', ascii.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        if (slug.Length > 80)
        {
            slug = slug[..80].TrimEnd('-');
        }

        return (slug.Length == 0 ? "assessment" : slug) + "-go-no-go-report." + extension;
    }

    /// <summary>The title as a file name in full Unicode (for <c>filename*</c>), without characters file systems refuse.</summary>
    public static string UnicodeFileName(string title, string extension)
    {
        ArgumentNullException.ThrowIfNull(title);
        var clean = new StringBuilder(title.Length);
        foreach (var c in title.Trim())
        {
            clean.Append(char.IsControl(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' or ';' ? ' ' : c);
        }

        var name = string.Join(' ', clean.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (name.Length > 120)
        {
            name = name[..(char.IsHighSurrogate(name[119]) ? 119 : 120)].TrimEnd();
        }

        return (name.Length == 0 ? "assessment" : name) + " - go-no-go report." + extension;
    }
}
