using DocLint.Load;
using DocLint.Parse.Playbook;

namespace DocLint.Rules;

/// <summary>A repository of a playbook's release order: a listed name, or a catalogue project a wildcard matched.</summary>
internal sealed record OrderUnit(string Name, int Level, OrderEntry Entry)
{
    public bool ViaWildcard => Entry.IsWildcard && Entry.Name != Name;
    public string Described => ViaWildcard ? $"{Name} (by {Entry.Name})" : Name;
}

/// <summary>One problem with how the release order lists a name (unknown name, listed twice).</summary>
internal sealed record OrderProblem(OrderEntry Entry, string Message, string Key);

/// <summary>
/// A playbook's release order resolved against the catalogue (CONTRACT §5.3, §8): every listed word that is a
/// catalogue name or has a repository-name shape, wildcards expanded over catalogue names. An explicit listing wins
/// over a wildcard that also matches the project; two explicit listings, or two wildcards, list it twice.
/// </summary>
internal sealed class ResolvedOrder
{
    private ResolvedOrder(IReadOnlyList<OrderUnit> units, IReadOnlyList<OrderProblem> problems)
    {
        Units = units;
        Problems = problems;
    }

    /// <summary>The repositories of the order, each once, in document order.</summary>
    public IReadOnlyList<OrderUnit> Units { get; }
    public IReadOnlyList<OrderProblem> Problems { get; }

    public OrderUnit? Find(string name) => Units.FirstOrDefault(u => u.Name == name);

    public static ResolvedOrder Resolve(ReleaseOrder order, Catalogue catalogue)
    {
        var names = catalogue.Projects.Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList();
        var known = names.ToHashSet(StringComparer.Ordinal);
        var entries = order.Entries.Where(e => e.LooksLikeRepository || known.Contains(e.Name)).ToList();
        var placed = new Dictionary<string, OrderUnit>(StringComparer.Ordinal);
        var units = new List<OrderUnit>();
        var problems = new List<OrderProblem>();
        var source = catalogue.File ?? "the catalogue";

        foreach (var e in entries.Where(e => !e.IsWildcard))
        {
            if (placed.TryGetValue(e.Name, out var first))
            {
                problems.Add(new OrderProblem(e, $"{e.Name} is listed twice in the release order (level {first.Level}, line {first.Entry.Span.Line}, and level {e.Level}); expected each repository once", $"twice:{e.Name}"));
                continue;
            }
            var unit = new OrderUnit(e.Name, e.Level, e);
            placed[e.Name] = unit;
            units.Add(unit);
            if (!known.Contains(e.Name))
                problems.Add(new OrderProblem(e, $"{e.Name} matches no project of {source}{Findings.Spelling.Suggest(e.Name, names)}; expected a catalogue project name", $"unknown:{e.Name}"));
        }
        var explicitNames = placed.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var e in entries.Where(e => e.IsWildcard))
        {
            var matches = names.Where(e.Matches).ToList();
            if (matches.Count == 0)
            {
                problems.Add(new OrderProblem(e, $"wildcard {e.Name} matches no project of {source}; expected at least one project whose name starts with {e.Name[..^1]}", $"unknown:{e.Name}"));
                units.Add(new OrderUnit(e.Name, e.Level, e));
                continue;
            }
            foreach (var m in matches.Where(m => !explicitNames.Contains(m)))
            {
                if (placed.TryGetValue(m, out var first))
                {
                    problems.Add(new OrderProblem(e, $"{m} is listed twice in the release order: by {first.Entry.Name} (level {first.Level}) and by {e.Name} (level {e.Level}); expected each repository once", $"twice:{m}"));
                    continue;
                }
                var unit = new OrderUnit(m, e.Level, e);
                placed[m] = unit;
                units.Add(unit);
            }
        }
        units.Sort((a, b) => a.Entry.Span.Line != b.Entry.Span.Line ? a.Entry.Span.Line.CompareTo(b.Entry.Span.Line)
            : names.IndexOf(a.Name).CompareTo(names.IndexOf(b.Name)));
        return new ResolvedOrder(units, problems);
    }
}
