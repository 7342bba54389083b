using PilotReadiness.Domain.Answers;

namespace PilotReadiness.Domain.Tests.Answers;

/// <summary>The non-answer detector and the named-person check, as tables: what must fail (and why) and what must pass.</summary>
public class AnswerQualityTests
{
    private const string WhatThen = "If this works, what do we do then?";
    private const string Team = "Which team will use it every day?";

    [Theory]
    [InlineData("tbd", "placeholder")]
    [InlineData("TBD.", "placeholder")]
    [InlineData("tba", "placeholder")]
    [InlineData("TBC", "placeholder")]
    [InlineData("To be decided", "placeholder")]
    [InlineData("to be confirmed", "placeholder")]
    [InlineData("To be defined.", "placeholder")]
    [InlineData("We'll see", "placeholder")]
    [InlineData("We’ll see.", "placeholder")]
    [InlineData("later", "placeholder")]
    [InlineData("Not sure", "placeholder")]
    [InlineData("n/a", "placeholder")]
    [InlineData("N/A", "placeholder")]
    [InlineData("unknown", "placeholder")]
    [InlineData("-", "says nothing")]
    [InlineData("?", "says nothing")]
    [InlineData("...", "says nothing")]
    [InlineData("We'll figure that out once we see the pilot results.", "puts the answer off")]
    [InlineData("We will figure it out later", "puts the answer off")]
    [InlineData("Figure it out after the pilot.", "puts the answer off")]
    [InlineData("Not sure yet, depends on the results", "puts the answer off")]
    [InlineData("To be decided by the steering group", "puts the answer off")]
    [InlineData("Roll it out", "Too short")]
    [InlineData("Adopt it", "Too short")]
    [InlineData("If this works, we do it then.", "repeats the question")]
    [InlineData("What do we do then? If it works, then we do.", "repeats the question")]
    public void WhyNotAnAnswer_ANarrativeThatSaysNothing_IsNotAnAnswerAndSaysWhy(string answer, string reason)
    {
        var why = AnswerQuality.WhyNotAnAnswer(answer, WhatThen, minWords: 5);

        Assert.NotNull(why);
        Assert.Contains(reason, why, StringComparison.Ordinal);
        Assert.Contains("not", why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Claims team adopts it in March; Dana Ito owns it")]
    [InlineData("The accounts payable team adopts it from the spring release; the ERP connector is built in Q1.")]
    [InlineData("Motor claims handlers use it for every new claim from April; Sam Lee runs it and the vendor builds the CRM link.")]
    [InlineData("Claims team adopts it in March; Dana Ito owns it; the training plan is to be confirmed.")]
    [InlineData("Roll out to all three regions in 2027, owned by the operations lead, with the ticketing integration built first.")]
    public void WhyNotAnAnswer_AConcretePlan_IsAnAnswer(string answer) =>
        Assert.Null(AnswerQuality.WhyNotAnAnswer(answer, WhatThen, minWords: 5));

    [Theory]
    [InlineData("Claims team")]
    [InlineData("Claims")]
    [InlineData("Accounts payable")]
    [InlineData("HR operations")]
    [InlineData("Field engineers (north)")]
    public void WhyNotAnAnswer_AShortConcreteTeamName_AnswersAWhichTeamQuestion(string answer) =>
        Assert.Null(AnswerQuality.WhyNotAnAnswer(answer, Team, minWords: 1));

    [Theory]
    [InlineData("Team", "repeats the question")]
    [InlineData("the team", "repeats the question")]
    [InlineData("tbd", "placeholder")]
    [InlineData("Not sure yet", "puts the answer off")]
    public void WhyNotAnAnswer_ATeamQuestion_StillRefusesNonAnswers(string answer, string reason) =>
        Assert.Contains(reason, AnswerQuality.WhyNotAnAnswer(answer, Team, minWords: 1), StringComparison.Ordinal);

    [Theory]
    [InlineData("At least 85% of invoices matched without a person over four weeks.", true)]
    [InlineData("Handling time down from 12 to 8 minutes a claim.", true)]
    [InlineData("The users are happy with it and use it a lot.", false)]
    [InlineData("The handlers like it and it saves them plenty of time every week.", false)]
    public void WhyNotAnAnswer_AMeasureIsAsked_NeedsANumber(string answer, bool counts)
    {
        var why = AnswerQuality.WhyNotAnAnswer(answer, "What does \"it works\" mean, in numbers?", minWords: 4, measurable: true);

        Assert.Equal(counts, why is null);
        if (!counts)
        {
            Assert.Contains("number", why, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("IT Service Desk (to be confirmed)", "placeholder")]
    [InlineData("TBD", "placeholder")]
    [InlineData("tbc", "placeholder")]
    [InlineData("someone in ops", "placeholder")]
    [InlineData("Somebody from finance", "placeholder")]
    [InlineData("New hire", "placeholder")]
    [InlineData("n/a", "placeholder")]
    [InlineData("-", "placeholder")]
    [InlineData("Head of Ops", "is a role")]
    [InlineData("Operations manager", "is a role")]
    [InlineData("The CIO", "is a role")]
    [InlineData("Claims team", "names a team")]
    [InlineData("IT Service Desk", "names a team")]
    [InlineData("Finance Systems Team", "names a team")]
    [InlineData("The vendor", "names a team")]
    [InlineData("Priya", "not a full name")]
    [InlineData("Dana Ito and Sam Lee", "more than one person")]
    [InlineData("Dana Ito / Sam Lee", "more than one person")]
    public void WhyNotAPerson_ATeamAPlaceholderOrARole_IsNotANamedPerson(string answer, string reason)
    {
        var why = AnswerQuality.WhyNotAPerson(answer);

        Assert.NotNull(why);
        Assert.Contains(reason, why, StringComparison.Ordinal);
        Assert.Contains("Name", why, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Dana Ito")]
    [InlineData("Sofia Lindqvist")]
    [InlineData("Helena Marsh, COO")]
    [InlineData("Zoë Łukasiewicz")]
    [InlineData("José Ñúñez")]
    [InlineData("Sean O'Connor")]
    [InlineData("Jean-Luc Martin")]
    [InlineData("Anna van der Berg")]
    [InlineData("Dr. Priya Natarajan (Head of Claims Operations)")]
    [InlineData("dana ito")]
    [InlineData("Operations lead Priya Natarajan")]
    public void WhyNotAPerson_OneNamedPerson_IsAPerson(string answer) =>
        Assert.Null(AnswerQuality.WhyNotAPerson(answer));

    [Theory]
    [InlineData("Dana Ito", "Dana Ito", true)]
    [InlineData("Dana Ito", "dana ito", true)]
    [InlineData("Dana Ito", "Dana Ito, Head of Claims", true)]
    [InlineData("José Ñúñez", "Jose Nunez", true)]
    [InlineData("Dana Ito", "Sam Lee", false)]
    [InlineData("Dana Ito", "Dana Itoh", false)]
    [InlineData("Claims team", "Claims team", false)]
    public void SamePerson_ComparesNamesNotSpellingOrRole(string a, string b, bool same)
    {
        Assert.Equal(same, AnswerQuality.SamePerson(a, b));
        Assert.Equal(same, AnswerQuality.SamePerson(b, a));
    }
}
