using DocLint.Findings;
using DocLint.Load;

namespace DocLint.Evaluate;

/// <summary>A <c>dependsOn</c> entry that names no catalogue project.</summary>
public sealed record UnknownDependency(CatalogueProject Project, string Name, SourceSpan Span);

/// <summary>
/// The release levels the catalogue's <c>dependsOn</c> implies (CONTRACT §5.3), a topological layering: level 1 holds
/// the projects that depend on nothing, level n the projects whose highest dependency is at level n − 1. A project on
/// a <c>dependsOn</c> cycle, or depending (directly or not) on one, has no level. Unknown names are left out of the
/// layering and listed in <see cref="Unknown"/>. Iterative throughout: a long dependency chain cannot exhaust the stack.
/// </summary>
public sealed class ReleaseLevels
{
    private ReleaseLevels(IReadOnlyList<IReadOnlyList<string>> levels, IReadOnlyDictionary<string, int> levelOf,
        IReadOnlyList<IReadOnlyList<string>> cycles, IReadOnlyList<string> unlevelled, IReadOnlyList<UnknownDependency> unknown)
    {
        Levels = levels;
        LevelOf = levelOf;
        Cycles = cycles;
        Unlevelled = unlevelled;
        Unknown = unknown;
    }

    /// <summary>Projects by level: <c>Levels[0]</c> is level 1; each level in catalogue order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Levels { get; }
    /// <summary>The level of every levelled project.</summary>
    public IReadOnlyDictionary<string, int> LevelOf { get; }
    /// <summary>One cycle per strongly connected component, closed (<c>a, b, c, a</c>): each project depends on the next.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles { get; }
    /// <summary>Projects without a level (on or behind a cycle), in catalogue order.</summary>
    public IReadOnlyList<string> Unlevelled { get; }
    public IReadOnlyList<UnknownDependency> Unknown { get; }

    public static string Arrow(IEnumerable<string> cycle) => string.Join(" → ", cycle);

    public static ReleaseLevels Compute(Catalogue catalogue)
    {
        // First entry of a name wins (duplicates are project-options' business).
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var projects = new List<CatalogueProject>();
        foreach (var p in catalogue.Projects)
            if (index.TryAdd(p.Name, projects.Count)) projects.Add(p);
        var n = projects.Count;
        var deps = new List<int>[n];
        var unknown = new List<UnknownDependency>();
        for (var i = 0; i < n; i++)
        {
            deps[i] = new List<int>();
            var p = projects[i];
            for (var k = 0; k < p.DependsOn.Count; k++)
            {
                if (index.TryGetValue(p.DependsOn[k], out var j)) { if (!deps[i].Contains(j)) deps[i].Add(j); }
                else unknown.Add(new UnknownDependency(p, p.DependsOn[k], p.DependencySpan(k)));
            }
        }

        // Kahn's algorithm over "depends on" edges: a project is levelled once all its dependencies are.
        var pending = new int[n];
        var dependents = new List<int>[n];
        for (var i = 0; i < n; i++) dependents[i] = new List<int>();
        for (var i = 0; i < n; i++)
        {
            pending[i] = deps[i].Count;
            foreach (var j in deps[i]) dependents[j].Add(i);
        }
        var level = new int[n];
        var queue = new Queue<int>();
        for (var i = 0; i < n; i++)
            if (pending[i] == 0) { level[i] = 1; queue.Enqueue(i); }
        while (queue.Count > 0)
        {
            var j = queue.Dequeue();
            foreach (var i in dependents[j])
            {
                level[i] = Math.Max(level[i], level[j] + 1);
                if (--pending[i] == 0) queue.Enqueue(i);
            }
        }

        var levels = new List<IReadOnlyList<string>>();
        var levelOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var unlevelled = new List<string>();
        for (var i = 0; i < n; i++)
        {
            if (pending[i] > 0) { unlevelled.Add(projects[i].Name); continue; }
            levelOf[projects[i].Name] = level[i];
            while (levels.Count < level[i]) levels.Add(new List<string>());
            ((List<string>)levels[level[i] - 1]).Add(projects[i].Name);
        }
        var cycles = unlevelled.Count == 0
            ? new List<IReadOnlyList<string>>()
            : FindCycles(n, deps, i => pending[i] > 0).Select(c => (IReadOnlyList<string>)c.Select(i => projects[i].Name).ToList()).ToList();
        return new ReleaseLevels(levels, levelOf, cycles, unlevelled, unknown);
    }

    /// <summary>
    /// One closed cycle per strongly connected component that has one (Tarjan's algorithm, iterative), each the shortest
    /// cycle through the component's first project in catalogue order; components in catalogue order.
    /// </summary>
    private static List<List<int>> FindCycles(int n, List<int>[] deps, Func<int, bool> candidate)
    {
        var order = new int[n];
        var low = new int[n];
        var onStack = new bool[n];
        var component = new int[n];
        Array.Fill(order, -1);
        Array.Fill(component, -1);
        var stack = new Stack<int>();
        var counter = 0;
        var components = 0;
        var work = new Stack<(int Node, int Next)>();
        for (var root = 0; root < n; root++)
        {
            if (!candidate(root) || order[root] >= 0) continue;
            work.Push((root, 0));
            order[root] = low[root] = counter++;
            stack.Push(root);
            onStack[root] = true;
            while (work.Count > 0)
            {
                var (v, next) = work.Pop();
                if (next < deps[v].Count)
                {
                    work.Push((v, next + 1));
                    var w = deps[v][next];
                    if (!candidate(w)) continue;
                    if (order[w] < 0)
                    {
                        order[w] = low[w] = counter++;
                        stack.Push(w);
                        onStack[w] = true;
                        work.Push((w, 0));
                    }
                    else if (onStack[w]) low[v] = Math.Min(low[v], order[w]);
                    continue;
                }
                if (work.Count > 0) { var parent = work.Peek().Node; low[parent] = Math.Min(low[parent], low[v]); }
                if (low[v] != order[v]) continue;
                int x;
                do { x = stack.Pop(); onStack[x] = false; component[x] = components; } while (x != v);
                components++;
            }
        }

        var result = new List<List<int>>();
        var done = new HashSet<int>();
        for (var start = 0; start < n; start++)
        {
            var c = component[start];
            if (c < 0 || !done.Add(c)) continue;
            if (ShortestCycle(start, deps, w => component[w] == c) is { } cycle) result.Add(cycle);
        }
        return result;
    }

    /// <summary>Breadth-first search from <paramref name="start"/> back to itself inside a component; null when there is no cycle (a lone project without a self-dependency).</summary>
    private static List<int>? ShortestCycle(int start, List<int>[] deps, Func<int, bool> inComponent)
    {
        var parent = new Dictionary<int, int>();
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            foreach (var w in deps[v])
            {
                if (!inComponent(w)) continue;
                if (w == start)
                {
                    var path = new List<int> { start };
                    for (var x = v; x != start; x = parent[x]) path.Add(x);
                    path.Add(start);
                    path.Reverse(1, path.Count - 2);
                    return path;
                }
                if (parent.TryAdd(w, v)) queue.Enqueue(w);
            }
        }
        return null;
    }
}
