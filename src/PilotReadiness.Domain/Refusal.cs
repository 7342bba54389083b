namespace PilotReadiness.Domain;

/// <summary>Why the domain refuses a change that was well formed: the thing is in no state to take it.</summary>
public enum RefusalKind
{
    /// <summary>A newer version replaced this one, which is kept read-only.</summary>
    Superseded,

    /// <summary>Not possible in the thing's present status (a draft cannot be re-opened, a submitted assessment cannot be edited).</summary>
    WrongState,
}

/// <summary>A change the domain refuses, with the one message that says why and what to do instead.</summary>
public sealed record Refusal(RefusalKind Kind, string Message);

/// <summary>An input the domain cannot accept, against the field (JSON camelCase path) it came from.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Thrown when a change the domain refuses is attempted anyway; ask the domain's <c>WhyNot…</c> first.</summary>
public sealed class RefusedException(Refusal refusal) : InvalidOperationException(refusal?.Message)
{
    public Refusal Refusal { get; } = refusal ?? throw new ArgumentNullException(nameof(refusal));
}

/// <summary>Thrown when input the domain was asked to check first is given anyway; carries every problem.</summary>
public sealed class FieldErrorsException(IReadOnlyList<FieldError> errors)
    : ArgumentException(errors is { Count: > 0 } ? errors[0].Message : "Invalid input.", errors is { Count: > 0 } ? errors[0].Field : null)
{
    public IReadOnlyList<FieldError> Errors { get; } = errors ?? [];

    /// <summary>Throws when <paramref name="errors"/> is not empty.</summary>
    public static void ThrowIfAny(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count > 0)
        {
            throw new FieldErrorsException(errors);
        }
    }
}

/// <summary>The one "today": the UTC calendar day of the app's clock.</summary>
public static class Clock
{
    public static DateOnly Today(this TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return time.GetUtcNow().Day();
    }

    /// <summary>The UTC calendar day of an instant.</summary>
    public static DateOnly Day(this DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}
