using PilotReadiness.Domain;
using PilotReadiness.Domain.Assessments;
using PilotReadiness.Domain.Questionnaires;

namespace PilotReadiness.Domain.Tests.Assessments;

public class AssessmentDetailsTests
{
    [Fact]
    public void New_TrimsFieldsAndTurnsAMissingDescriptionIntoEmpty()
    {
        var details = new AssessmentDetails("  Claims triage  ", " Claims ", " Dana ", null);

        Assert.Equal("Claims triage", details.Title);
        Assert.Equal("Claims", details.BusinessUnit);
        Assert.Equal("Dana", details.Sponsor);
        Assert.Equal("", details.Description);
    }

    [Theory]
    [InlineData("", "Claims", "Dana", "title", "Enter a title for the pilot.")]
    [InlineData("   ", "Claims", "Dana", "title", "Enter a title for the pilot.")]
    [InlineData("Triage", "", "Dana", "businessUnit", "Enter the business unit that runs the pilot.")]
    [InlineData("Triage", "Claims", " ", "sponsor", "Enter the sponsor's name.")]
    public void New_MissingRequiredField_ThrowsWithActionableMessage(string title, string unit, string sponsor, string param, string message)
    {
        var error = Assert.Throws<FieldErrorsException>(() => new AssessmentDetails(title, unit, sponsor, null));

        Assert.Equal(param, error.ParamName);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title", Limits.TitleMaxLength, "Keep the title to 200 characters or fewer.")]
    [InlineData("businessUnit", Limits.BusinessUnitMaxLength, "Keep the business unit to 100 characters or fewer.")]
    [InlineData("sponsor", Limits.SponsorMaxLength, "Keep the sponsor's name to 200 characters or fewer.")]
    [InlineData("description", Limits.DescriptionMaxLength, "Keep the description to 4000 characters or fewer.")]
    public void New_FieldAtItsLimit_IsAcceptedAndOneMoreIsNot(string field, int limit, string message)
    {
        static AssessmentDetails Make(string field, string value) => new(
            field == "title" ? value : "Triage",
            field == "businessUnit" ? value : "Claims",
            field == "sponsor" ? value : "Dana",
            field == "description" ? value : null);

        var atLimit = Make(field, new string('a', limit));
        var error = Assert.Throws<FieldErrorsException>(() => Make(field, new string('a', limit + 1)));

        Assert.NotNull(atLimit);
        Assert.Equal(field, error.ParamName);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void New_FieldOverLimitOnlyBecauseOfSpaces_IsAccepted()
    {
        var details = new AssessmentDetails("  " + new string('a', Limits.TitleMaxLength) + "  ", "Claims", "Dana", null);

        Assert.Equal(Limits.TitleMaxLength, details.Title.Length);
    }

    [Fact]
    public void Check_ReportsEveryProblemAtOnce()
    {
        var errors = AssessmentDetails.Check("", new string('b', Limits.BusinessUnitMaxLength + 1), "Dana\u0000", null);

        Assert.Equal(["title", "businessUnit", "sponsor"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Equality_IsByValue()
    {
        Assert.Equal(new AssessmentDetails("T", "U", "S", null), new AssessmentDetails(" T", "U ", "S", "  "));
    }
}
