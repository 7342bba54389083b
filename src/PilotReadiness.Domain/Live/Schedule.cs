using System.Globalization;

namespace PilotReadiness.Domain.Live;

/// <summary>
/// One check-in period: from <see cref="Start"/> up to (not including) <see cref="Due"/>, the day its check-in is
/// due. Periods are numbered from 0 at go-live.
/// </summary>
public readonly record struct Period(int Index, DateOnly Start, DateOnly Due)
{
    /// <summary>The period's number as people count: 1 for the first.</summary>
    public int Number => Index + 1;

    public int Days => Due.DayNumber - Start.DayNumber;

    public bool Contains(DateOnly day) => day >= Start && day < Due;

    /// <summary>The last day the period covers (the day before its check-in is due).</summary>
    public DateOnly LastDay => Due.AddDays(-1);
}

/// <summary>From <see cref="From"/> on, a check-in every <see cref="Weeks"/> weeks.</summary>
public readonly record struct CadenceSegment(DateOnly From, int Weeks)
{
    public int Days => Weeks * 7;
}

/// <summary>
/// When check-ins are due: every few weeks from go-live. A change of cadence starts at the end of the period running
/// when it is made, so periods already under way keep their length; the schedule keeps every cadence it has had, so
/// earlier periods stay where they were. Immutable and pure.
/// </summary>
public sealed class Schedule : IEquatable<Schedule>
{
    /// <summary>The cadences a plan may choose, in weeks.</summary>
    public static IReadOnlyList<int> Cadences { get; } = [2, 4, 8];

    public const int DefaultCadenceWeeks = 4;

    private readonly CadenceSegment[] _segments;

    /// <param name="segments">The first starts at go-live; each later one on a due date of the one before.</param>
    public Schedule(IEnumerable<CadenceSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        _segments = [.. segments];
        if (_segments.Length == 0)
        {
            throw new ArgumentException("A schedule starts at go-live.", nameof(segments));
        }

        for (var i = 0; i < _segments.Length; i++)
        {
            if (!Cadences.Contains(_segments[i].Weeks))
            {
                throw new ArgumentException($"A check-in is due every {string.Join(", ", Cadences)} weeks, not {_segments[i].Weeks}.", nameof(segments));
            }

            if (i > 0 && (_segments[i].From <= _segments[i - 1].From
                || (_segments[i].From.DayNumber - _segments[i - 1].From.DayNumber) % _segments[i - 1].Days != 0))
            {
                throw new ArgumentException("Each change of cadence starts on a due date of the cadence before it.", nameof(segments));
            }
        }
    }

    public static Schedule Start(DateOnly goLive, int weeks) => new([new CadenceSegment(goLive, weeks)]);

    public IReadOnlyList<CadenceSegment> Segments => _segments;

    public DateOnly GoLive => _segments[0].From;

    /// <summary>The cadence in force for periods that start from now on.</summary>
    public int CadenceWeeks => _segments[^1].Weeks;

    /// <summary>The period with this index (0 is the first after go-live).</summary>
    public Period Period(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var first = 0;
        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            var count = i + 1 < _segments.Length ? (_segments[i + 1].From.DayNumber - segment.From.DayNumber) / segment.Days : int.MaxValue;
            if (index - first < count)
            {
                var start = segment.From.AddDays((index - first) * segment.Days);
                return new Period(index, start, start.AddDays(segment.Days));
            }

            first += count;
        }

        throw new InvalidOperationException("Unreachable: the last segment has no end.");
    }

    /// <summary>The period that covers <paramref name="day"/>, or null before go-live.</summary>
    public Period? PeriodAt(DateOnly day)
    {
        if (day < GoLive)
        {
            return null;
        }

        var first = 0;
        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            var isLast = i + 1 == _segments.Length;
            if (isLast || day < _segments[i + 1].From)
            {
                var offset = (day.DayNumber - segment.From.DayNumber) / segment.Days;
                var start = segment.From.AddDays(offset * segment.Days);
                return new Period(first + offset, start, start.AddDays(segment.Days));
            }

            first += (_segments[i + 1].From.DayNumber - segment.From.DayNumber) / segment.Days;
        }

        throw new InvalidOperationException("Unreachable: the last segment has no end.");
    }

    /// <summary>
    /// The schedule with a new cadence: before go-live it replaces the old one; afterwards it starts when the period
    /// running on <paramref name="today"/> ends.
    /// </summary>
    public Schedule WithCadence(int weeks, DateOnly today)
    {
        if (weeks == CadenceWeeks)
        {
            return this;
        }

        if (PeriodAt(today) is not { } running)
        {
            return Start(GoLive, weeks);
        }

        var kept = _segments.Where(s => s.From < running.Due).ToList();
        kept.Add(new CadenceSegment(running.Due, weeks));
        // Two changes within one period: the later one is the one that starts.
        return new Schedule(kept.Where((s, i) => i + 1 == kept.Count || kept[i + 1].From != s.From));
    }

    /// <summary>The schedule as stored: <c>2026-01-05/4;2026-06-01/2</c>.</summary>
    public string Encode() => string.Join(";", _segments.Select(s =>
        s.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "/" + s.Weeks.ToString(CultureInfo.InvariantCulture)));

    public static Schedule Decode(string encoded)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(encoded);
        return new Schedule(encoded.Split(';').Select(part =>
        {
            var pieces = part.Split('/');
            return new CadenceSegment(
                DateOnly.ParseExact(pieces[0], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                int.Parse(pieces[1], CultureInfo.InvariantCulture));
        }));
    }

    public bool Equals(Schedule? other) => other is not null && _segments.SequenceEqual(other._segments);

    public override bool Equals(object? obj) => Equals(obj as Schedule);

    public override int GetHashCode() => Encode().GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Encode();
}
