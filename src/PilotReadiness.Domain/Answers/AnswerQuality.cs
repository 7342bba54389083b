using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PilotReadiness.Domain.Answers;

/// <summary>
/// Tells a real answer from one that says nothing. For text: a placeholder ("tbd", "n/a", "-"), an answer that puts the
/// question off ("we'll figure that out"), a couple of words where a sentence is asked, an answer that mostly repeats
/// the question, or no number where a measure is asked. For a person: a team, a role or a placeholder instead of one
/// named person. Pure and deterministic; every refusal comes with the reason, in words a sponsor can act on.
/// The rules are listed in docs/scoring-model.md.
/// </summary>
public static partial class AnswerQuality
{
    // Whole answers that are placeholders, compared by their words (punctuation and case ignored).
    private static readonly HashSet<string> Placeholders = new(StringComparer.Ordinal)
    {
        "tbd", "tbc", "tba", "tbd tbc", "n a", "na", "none", "nothing", "nil", "unknown", "not known", "not sure", "unsure",
        "later", "later on", "maybe", "perhaps", "x", "xx", "xxx", "todo", "to do", "pending", "no idea", "don't know",
        "dont know", "do not know", "idk", "we'll see", "we will see", "see later", "to be decided", "to be confirmed",
        "to be defined", "to be determined", "to be agreed", "to be discussed", "not decided", "not decided yet",
        "undecided", "not yet", "not applicable", "as above", "see above", "same as above", "see below", "etc", "test",
        "asdf", "blah", "yes", "no", "ok", "sure", "of course",
    };

    // Phrases that put the answer off; found anywhere in the answer, as whole words.
    private static readonly string[] Deferrals =
    [
        "tbd", "tbc", "tba", "to be decided", "to be confirmed", "to be defined", "to be determined", "to be agreed",
        "to be discussed", "to be clarified", "to be worked out", "to be seen", "we'll see", "we will see", "wait and see",
        "let's see", "see how it goes", "figure it out", "figure that out", "figure this out", "figure out",
        "figure it all out", "work it out", "work that out", "sort it out", "sort that out", "not sure", "not decided",
        "undecided", "don't know", "do not know", "no idea", "not known", "decide later", "decided later", "later on",
        "at a later", "in due course", "once we see", "when we see", "after we see", "depends on", "depending on",
    ];

    // Words that carry no content of their own.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "then", "so", "to", "of", "in", "on", "at", "by", "for", "from",
        "with", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "it's", "this", "that", "these",
        "those", "we", "we'll", "we're", "we've", "our", "us", "you", "your", "they", "them", "their", "he", "she", "his",
        "her", "i", "i'm", "me", "my", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "do",
        "does", "did", "done", "have", "has", "had", "not", "no", "yes", "there", "here", "what", "which", "who", "whom",
        "when", "where", "why", "how", "all", "any", "some", "each", "every", "once", "also", "just", "only", "very",
        "more", "most", "much", "many", "up", "out", "about", "into", "over", "after", "before", "than", "too", "well",
        "get", "got", "go", "going", "see", "let's", "ok", "yet", "now", "soon", "still", "later", "probably", "maybe",
        "perhaps", "hopefully", "somehow", "something", "someone", "somebody", "things", "stuff", "etc", "thing",
    };

    // A person answer made of these is a placeholder, not a person.
    private static readonly string[] PersonPlaceholders =
    [
        "tbd", "tbc", "tba", "to be confirmed", "to be decided", "to be named", "to be appointed", "to be agreed",
        "to be assigned", "to be determined", "to be defined", "to be hired", "to be recruited", "not yet", "not named",
        "not assigned", "unassigned", "not decided", "someone", "somebody", "anyone", "anybody", "whoever", "nobody",
        "no one", "noone", "none", "unknown", "vacant", "vacancy", "new hire", "open role", "pending", "n a", "na",
    ];

    // Words that make an answer a role rather than a person.
    private static readonly HashSet<string> RoleWords = new(StringComparer.Ordinal)
    {
        "head", "lead", "leader", "manager", "director", "owner", "officer", "chief", "vp", "svp", "evp", "president",
        "coo", "cto", "cio", "ceo", "cfo", "ciso", "cdo", "cmo", "chro", "sponsor", "coordinator", "administrator",
        "specialist", "analyst", "architect", "engineer", "consultant", "supervisor", "executive", "steward", "champion",
        "representative", "rep", "member", "person", "people", "role", "deputy", "assistant", "controller", "counsel",
    };

    // Words that make an answer a team, a department or an outside party rather than a person.
    private static readonly HashSet<string> TeamWords = new(StringComparer.Ordinal)
    {
        "team", "teams", "desk", "department", "dept", "group", "office", "committee", "board", "unit", "squad",
        "function", "division", "centre", "center", "hub", "staff", "crew", "pool", "guild", "chapter", "tribe",
        "council", "vendor", "supplier", "contractor", "agency", "partner", "partners", "consultants", "consultancy",
        "helpdesk", "servicedesk", "it", "hr", "ops", "operations", "pmo", "finance", "legal", "procurement",
        "marketing", "sales", "payroll", "engineering", "security", "compliance", "risk", "audit", "data", "analytics",
        "platform", "infrastructure", "systems", "digital", "customer", "service", "services", "support", "logistics",
        "supply", "chain", "facilities", "admin", "administration", "accounts", "accounting", "treasury", "tax",
        "quality", "product", "research", "development", "innovation", "transformation", "strategy", "communications",
        "comms", "claims", "business", "management", "leadership", "executive", "technology", "tech", "devops",
    };

    // Words in a name that are neither a name nor a sign of something else: particles, titles, small words.
    private static readonly HashSet<string> NeutralWords = new(StringComparer.Ordinal)
    {
        "van", "von", "der", "den", "de", "da", "di", "del", "della", "la", "le", "du", "dos", "das", "bin", "bint", "al",
        "el", "ibn", "mr", "mrs", "ms", "mx", "dr", "prof", "sir", "dame", "jr", "sr", "ii", "iii",
        "of", "the", "for", "in", "at", "from", "our", "their", "with",
    };

    /// <summary>
    /// Null when <paramref name="text"/> answers a question asked in words; otherwise why it does not count.
    /// </summary>
    /// <param name="question">The question's text, to tell an answer that only repeats it.</param>
    /// <param name="minWords">How many words that say something the answer needs at least (a team name: 1; a plan: 5).</param>
    /// <param name="measurable">The question asks for a measure: the answer needs a number.</param>
    public static string? WhyNotAnAnswer(string text, string question, int minWords = 1, bool measurable = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(question);
        var words = Words(text);
        if (words.Count == 0)
        {
            return $"“{Shorten(text.Trim())}” says nothing, so it does not count as an answer.";
        }

        if (Placeholders.Contains(string.Join(' ', words)))
        {
            return $"“{Shorten(text.Trim())}” is a placeholder, not an answer, so it does not count.";
        }

        var questionWords = Words(question).ToHashSet(StringComparer.Ordinal);
        var content = Content(words, out var deferral);
        var need = Math.Max(1, minWords);
        if (deferral is not null && content.Count < need)
        {
            return $"“{deferral}” puts the answer off, so it does not count. Say what will actually happen.";
        }

        var fresh = content.Where(w => !questionWords.Contains(w)).ToList();
        if (content.Count > 0 && fresh.Count < need && fresh.Count * 10 < content.Count * 3 + 1)
        {
            return "This mostly repeats the question, so it does not count. Answer it in your own words.";
        }

        if (content.Count < need)
        {
            return need == 1
                ? "This says nothing concrete, so it does not count."
                : $"Too short to count: a couple of words do not answer this. Say it in a sentence (at least {need} words that say something).";
        }

        return measurable && !text.Any(char.IsDigit)
            ? "This does not say how it is measured, so it does not count. Give a number: a target, a share or a time."
            : null;
    }

    /// <summary>Null when <paramref name="name"/> names one person; otherwise why it does not.</summary>
    public static string? WhyNotAPerson(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = Words(name);
        var joined = " " + string.Join(' ', words) + " ";
        if (words.Count == 0 || PersonPlaceholders.Any(p => joined.Contains(" " + p + " ", StringComparison.Ordinal)))
        {
            return $"“{Shorten(name.Trim())}” is a placeholder, not a person. Name one person who will answer for it.";
        }

        var parts = Segments(name).Select(NameWords).ToList();
        if (parts.Any(p => p.Names.Count >= 2))
        {
            var people = PeopleParts().Split(name).Count(part => NameWords(part).Names.Count >= 1);
            return people > 1
                ? $"“{Shorten(name.Trim())}” names more than one person. Name one: a role shared is a role nobody holds."
                : null;
        }

        if (parts.Any(p => p.Role))
        {
            return $"“{Shorten(name.Trim())}” is a role, not a person. Name the person who holds it.";
        }

        if (parts.Any(p => p.Team))
        {
            return $"“{Shorten(name.Trim())}” names a team, not a person. Name one person in it who answers for this.";
        }

        return $"“{Shorten(name.Trim())}” is not a full name. Give the person's first and last name, so it is clear who it is.";
    }

    /// <summary>
    /// Whether two person answers name the same person: the same first and last names, whatever the case, accents or
    /// what follows them ("Dana Ito" and "dana ito, Head of Claims" are the same person).
    /// </summary>
    public static bool SamePerson(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return PersonKey(a) is { } x && PersonKey(b) is { } y && x == y;
    }

    private static string? PersonKey(string name) =>
        Segments(name).Select(s => NameWords(s).Names).FirstOrDefault(n => n.Count >= 2) is { } names
            ? string.Join(' ', names.Select(Plain))
            : null;

    /// <summary>The words that say something, and the first phrase that puts the answer off, if any.</summary>
    private static List<string> Content(List<string> words, out string? deferral)
    {
        deferral = null;
        var spent = new bool[words.Count];
        foreach (var phrase in Deferrals)
        {
            var parts = phrase.Split(' ');
            for (var i = 0; i + parts.Length <= words.Count; i++)
            {
                if (parts.Select((p, j) => words[i + j] == p).All(x => x))
                {
                    deferral ??= phrase;
                    for (var j = 0; j < parts.Length; j++)
                    {
                        spent[i + j] = true;
                    }
                }
            }
        }

        return [.. words.Where((w, i) => !spent[i] && !StopWords.Contains(w))];
    }

    private static (List<string> Names, bool Role, bool Team) NameWords(string segment)
    {
        var names = new List<string>();
        var role = false;
        var team = false;
        foreach (var word in Words(segment))
        {
            if (RoleWords.Contains(word))
            {
                role = true;
            }
            else if (TeamWords.Contains(word))
            {
                team = true;
            }
            else if (!NeutralWords.Contains(word) && !StopWords.Contains(word) && word.Length > 1 && word.All(c => char.IsLetter(c) || c is '\'' or '-'))
            {
                names.Add(word);
            }
        }

        return (names, role, team);
    }

    /// <summary>A person answer in pieces: a name, then perhaps their role or team after a comma, dash or parenthesis.</summary>
    private static IEnumerable<string> Segments(string name) => SegmentBreaks().Split(name).Where(s => s.Trim().Length > 0);

    /// <summary>Lower-case words: letters and digits, with apostrophes and hyphens inside a word.</summary>
    private static List<string> Words(string text) =>
        [.. WordPattern().Matches(text.Replace('’', '\'').Replace('‘', '\'').ToLowerInvariant()).Select(m => m.Value)];

    private static string Plain(string word)
    {
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark))
        {
            plain.Append(c);
        }

        return plain.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60].TrimEnd() + "…";

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['\-][\p{L}\p{N}]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[,;()\[\]]|\s[-–—]\s", RegexOptions.CultureInvariant)]
    private static partial Regex SegmentBreaks();

    [GeneratedRegex(@"\s(?:and|or|&|/|\+)\s", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PeopleParts();
}
