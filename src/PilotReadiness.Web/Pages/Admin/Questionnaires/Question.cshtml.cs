using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PilotReadiness.Domain;
using PilotReadiness.Domain.Questionnaires;
using PilotReadiness.Web.Questionnaires;

namespace PilotReadiness.Web.Pages.Admin.Questionnaires;

/// <summary>
/// One question of the draft: its wording, why it matters, the recommended action, its options and their points (or the
/// points an answer earns), whether it must be answered; or a new question at the end of a section. The form carries the
/// draft's revision, so two admins cannot both win. The domain's checks of the whole draft decide what may be saved;
/// their problems are shown against the fields they concern.
/// </summary>
public sealed partial class QuestionModel(QuestionnaireDrafts drafts, IValidator<QuestionModel.QuestionInput> validator) : PageModel
{
    /// <summary>Blank option rows offered under a choice or multi-select question, to add options.</summary>
    public const int BlankOptionRows = 3;

    [BindProperty]
    public QuestionInput Input { get; set; } = new();

    public StoredQuestionnaire Draft { get; private set; } = null!;

    public SectionDefinition Section { get; private set; } = null!;

    /// <summary>The question as saved in the draft; null for a new one.</summary>
    public QuestionDefinition? Existing { get; private set; }

    public QuestionType Type => QuestionTypeNames.FromKey(Input.Type) ?? QuestionType.Text;

    public bool IsNew => Existing is null;

    /// <summary>Why the draft refused the change, when the refusal is not about one field.</summary>
    public string? Problem { get; private set; }

    /// <summary>The first error recorded against exactly <paramref name="key"/> (not against the fields under it), or null.</summary>
    public string? ErrorOf(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;

    public bool Invalid(string key) => ModelState.GetFieldValidationState(key) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid;

    /// <summary>Opens the question keyed <paramref name="key"/>, or a new question of <paramref name="type"/> in <paramref name="section"/>.</summary>
    public async Task<IActionResult> OnGetAsync(string? key, string? section, string? type, CancellationToken ct)
    {
        if (await LoadAsync(key, section, ct) is { } elsewhere)
        {
            return elsewhere;
        }

        if (IsNew && QuestionTypeNames.FromKey(type) is null)
        {
            return Gone("Choose how the new question is answered.");
        }

        Input = IsNew ? QuestionInput.New(QuestionTypeNames.FromKey(type)!.Value, Draft.Revision) : QuestionInput.Of(Existing!, Draft.Revision);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? key, string? section, CancellationToken ct)
    {
        if (await LoadAsync(key, section, ct) is { } elsewhere)
        {
            return elsewhere;
        }

        if (IsNew && QuestionTypeNames.FromKey(Input.Type) is null)
        {
            return Gone("Choose how the new question is answered.");
        }

        var validation = await validator.ValidateAsync(Input, ct);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError($"{nameof(Input)}.{error.PropertyName}", error.ErrorMessage);
            }

            return Refused(StatusCodes.Status400BadRequest);
        }

        var question = Input.ToDefinition(Section.Key, Existing);
        var outcome = await drafts.SaveAsync(Input.Revision, d => d.WithQuestion(Section.Key, Existing?.Key, question), By, ct);
        if (outcome.Refusal is null)
        {
            TempData["Message"] = IsNew ? $"The question '{question.Key}' is added to the section “{Section.Title}”." : $"The question '{question.Key}' is saved.";
            return Redirect("/admin/questionnaires/draft#questions-title");
        }

        return Show(outcome);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? key, CancellationToken ct)
    {
        if (await LoadAsync(key ?? "", null, ct) is { } elsewhere)
        {
            return elsewhere;
        }

        var removed = Existing!.Key;
        var outcome = await drafts.SaveAsync(Input.Revision, d => d.WithoutQuestion(removed), By, ct);
        if (outcome.Refusal is null)
        {
            TempData["Message"] = $"The question '{removed}' is removed from the draft.";
            return Redirect("/admin/questionnaires/draft#questions-title");
        }

        Input = QuestionInput.Of(Existing!, Input.Revision);
        return Show(outcome);
    }

    private string By => User.Identity?.Name ?? "An admin";

    /// <summary>
    /// The form again with the draft's refusal: each problem of this question against its field, any other (a gate that
    /// reads it, a section left without points) at the top. A stale form is redrawn from the draft as saved now.
    /// </summary>
    private PageResult Show(DraftOutcome outcome)
    {
        if (outcome.Refusal == DraftRefusal.Stale)
        {
            ModelState.Clear();
            Input = Existing is { } existing ? QuestionInput.Of(existing, Draft.Revision) : Input with { Revision = Draft.Revision };
            Problem = outcome.Message;
            return Refused(StatusCodes.Status409Conflict);
        }

        if (outcome.Refusal != DraftRefusal.Invalid)
        {
            Problem = outcome.Message;
            return Refused(StatusCodes.Status409Conflict);
        }

        var path = PathOf();
        foreach (var problem in outcome.Problems)
        {
            var field = problem.Field.StartsWith(path + ".", StringComparison.Ordinal) ? FieldOf(problem.Field[path.Length..]) : null;
            ModelState.AddModelError(field ?? "", problem.Message);
        }

        return Refused(StatusCodes.Status400BadRequest);
    }

    private PageResult Refused(int status)
    {
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>The JSON path the domain's checks give this question in the draft as changed, e.g. <c>sections[2].questions[4]</c>.</summary>
    private string PathOf()
    {
        var sectionIndex = Draft.Read().Sections.ToList().FindIndex(s => s.Key == Section.Key);
        var questionIndex = IsNew ? Section.Questions.Count : Section.Questions.ToList().FindIndex(q => q.Key == Existing!.Key);
        return $"sections[{sectionIndex}].questions[{questionIndex}]";
    }

    /// <summary>
    /// The form key of a domain field under the question (<c>.text</c> → <c>Input.Text</c>; <c>.options[1].points</c> →
    /// the points of the form's row that became the second option); null for the question as a whole.
    /// </summary>
    private string? FieldOf(string rest)
    {
        var match = FieldPattern().Match(rest);
        if (!match.Success)
        {
            return null;
        }

        var name = Capitalise(match.Groups["name"].Value);
        if (!match.Groups["option"].Success)
        {
            return $"{nameof(Input)}.{(name == "Key" ? nameof(QuestionInput.Name) : name)}";
        }

        var rows = Input.OptionRows();
        var option = int.Parse(match.Groups["option"].Value, CultureInfo.InvariantCulture);
        return option < rows.Count
            ? $"{nameof(Input)}.{nameof(QuestionInput.Options)}[{rows[option]}].{(name.Length == 0 || name == "Value" && Input.Options[rows[option]].Kept ? nameof(OptionInput.Label) : name)}"
            : null;
    }

    private static string Capitalise(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    [GeneratedRegex(@"^(\.options\[(?<option>\d+)\])?(\.(?<name>[a-z]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldPattern();

    /// <summary>
    /// Reads the draft and the question (or the section a new one goes in). Null when both are there; otherwise where to
    /// go instead: the versions without a draft (another admin may have published or discarded it), the draft when the
    /// question or section is not in it (another admin may have removed it).
    /// </summary>
    private async Task<IActionResult?> LoadAsync(string? key, string? section, CancellationToken ct)
    {
        ViewData["Nav"] = "admin";
        if (await drafts.FindDraftAsync(ct) is not { } draft)
        {
            TempData["Warning"] = "There is no draft: start one to change the questions.";
            return Redirect("/admin/questionnaires");
        }

        Draft = draft;
        var definition = draft.Read();
        Section = (key is not null
            ? definition.Sections.FirstOrDefault(s => s.Questions.Any(q => q.Key == key))
            : definition.Sections.FirstOrDefault(s => s.Key == section))!;
        if (Section is null)
        {
            return Gone(key is not null ? $"The draft has no question '{key}'." : "The draft has no such section.");
        }

        Existing = key is null ? null : Section.Questions.First(q => q.Key == key);
        return null;
    }

    private RedirectResult Gone(string message)
    {
        TempData["Warning"] = message;
        return Redirect("/admin/questionnaires/draft#questions-title");
    }

    /// <summary>The question as the form sends it. Points are text, so that "five" is refused with a message rather than read as 0.</summary>
    public sealed record QuestionInput
    {
        public int Revision { get; set; }

        public string? Type { get; set; }

        /// <summary>For a new question: the name after its section's key and a dot.</summary>
        public string? Name { get; set; }

        public string? Text { get; set; }

        public string? Help { get; set; }

        public string? Action { get; set; }

        /// <summary>For a question without options: the points any real answer earns.</summary>
        public string? Points { get; set; }

        public bool Blocker { get; set; }

        public List<OptionInput> Options { get; set; } = [];

        public static QuestionInput Of(QuestionDefinition question, int revision) => new()
        {
            Revision = revision,
            Type = question.Type,
            Name = question.Key[(question.Key.IndexOf('.', StringComparison.Ordinal) + 1)..],
            Text = question.Text,
            Help = question.Help,
            Action = question.Action,
            Points = question.Points.ToString(CultureInfo.InvariantCulture),
            Blocker = question.Blocker,
            Options = [.. question.Options.Select(o => new OptionInput
            {
                Value = o.Value, Label = o.Label, Points = o.Points.ToString(CultureInfo.InvariantCulture), Exclusive = o.Exclusive, Kept = true,
            })],
        };

        /// <summary>A blank question of <paramref name="type"/>; a yes/no one starts with its two options.</summary>
        public static QuestionInput New(QuestionType type, int revision) => new()
        {
            Revision = revision,
            Type = type.ToKey(),
            Points = "0",
            Options = type == QuestionType.YesNo
                ? [new OptionInput { Value = "yes", Label = "Yes", Points = "0", Kept = true }, new OptionInput { Value = "no", Label = "No", Points = "0", Kept = true }]
                : [],
        };

        /// <summary>
        /// The question this form describes, in section <paramref name="sectionKey"/>. An existing question keeps its key,
        /// type and the settings the form does not show; blank option rows are left out, and a new option without a value
        /// takes one made of its label.
        /// </summary>
        public QuestionDefinition ToDefinition(string sectionKey, QuestionDefinition? existing)
        {
            var type = QuestionTypeNames.FromKey(existing?.Type ?? Type)!.Value;
            var options = type.HasOptions()
                ? OptionRows().Select(i => Options[i])
                    .Select(o => new OptionDefinition(
                        o.Kept ? o.Value ?? "" : string.IsNullOrWhiteSpace(o.Value) ? ValueOf(o.Label) : o.Value.Trim(),
                        o.Label?.Trim() ?? "", Whole(o.Points), o.Exclusive))
                    .ToList()
                : [];
            return new QuestionDefinition(
                existing?.Key ?? $"{sectionKey}.{Name?.Trim()}",
                type.ToKey(),
                OneLine(Text),
                OneLine(Help),
                OneLine(Action),
                options,
                type.HasOptions() ? 0 : Whole(Points),
                Blocker,
                existing?.MinWords ?? 1,
                existing?.Measurable ?? false,
                existing?.MaxValue);
        }

        /// <summary>The form's option rows that make the question's options, in order: not removed, not left blank.</summary>
        public IReadOnlyList<int> OptionRows() =>
            [.. Options.Select((o, i) => (o, i)).Where(r => r.o.IsGiven).Select(r => r.i)];

        /// <summary>The text typed in a box, its line breaks as spaces: the questionnaire shows each as one paragraph.</summary>
        private static string OneLine(string? text) => LineBreaks().Replace(text ?? "", " ").Trim();

        private static int Whole(string? text) => int.Parse(text!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        /// <summary>An option's value made of its label: lower case, with runs of anything but letters and digits as one hyphen.</summary>
        public static string ValueOf(string? label) =>
            NonName().Replace((label ?? "").ToLowerInvariant(), "-").Trim('-') is var value && value.Length > Limits.OptionValueMaxLength
                ? value[..Limits.OptionValueMaxLength].TrimEnd('-')
                : value;
    }

    /// <summary>One option row. <see cref="Kept"/> marks an option the question already has: its value stays.</summary>
    public sealed class OptionInput
    {
        public string? Value { get; set; }

        public string? Label { get; set; }

        public string? Points { get; set; }

        public bool Exclusive { get; set; }

        public bool Kept { get; set; }

        public bool Remove { get; set; }

        /// <summary>Whether the row is one of the question's options: kept and not removed, or a new row with something typed.</summary>
        public bool IsGiven => !Remove && (Kept || !string.IsNullOrWhiteSpace(Label) || !string.IsNullOrWhiteSpace(Value));
    }

    /// <summary>Shape only: points that are whole numbers. The domain says what makes a question (keys, lengths, ranges, gates).</summary>
    public sealed class QuestionValidator : AbstractValidator<QuestionInput>
    {
        public QuestionValidator()
        {
            RuleFor(x => x.Points).Must(BeWhole).When(x => QuestionTypeNames.FromKey(x.Type) is { } type && !type.HasOptions())
                .WithMessage("Give the points as a whole number, like 10.");
            RuleForEach(x => x.Options).ChildRules(option =>
                option.RuleFor(o => o.Points).Must(BeWhole)
                    .When(o => o.IsGiven)
                    .WithMessage("Give the option's points as a whole number, like 10."));
            RuleFor(x => x.Options).Must(o => o.Count <= Limits.OptionsPerQuestionMax + BlankOptionRows)
                .WithMessage($"A question has at most {Limits.OptionsPerQuestionMax} options.");
        }

        private static bool BeWhole(string? text) =>
            int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
    }

    [GeneratedRegex(@"\s*[\r\n]+\s*", RegexOptions.CultureInvariant)]
    private static partial Regex LineBreaks();

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonName();
}
