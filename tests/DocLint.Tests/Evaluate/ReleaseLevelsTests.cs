using DocLint.Evaluate;
using DocLint.Findings;
using DocLint.Load;
using FsCheck;
using FsCheck.Fluent;

namespace DocLint.Tests.Evaluate;

public class ReleaseLevelsTests
{
    private static Catalogue Cat(params (string Name, string[] Deps)[] projects) =>
        new(projects.Select((p, i) => new CatalogueProject(p.Name, null, p.Deps, SourceSpan.At("catalogue.yml", i + 2, 3))
            { DependsOnSpans = p.Deps.Select((_, k) => SourceSpan.At("catalogue.yml", i + 2, 20 + 10 * k)).ToList() }).ToList(), "catalogue.yml");

    private static string[] D(params string[] d) => d;

    private static List<string> Layers(ReleaseLevels l) => l.Levels.Select(x => string.Join(",", x)).ToList();

    [Fact]
    public void Level_one_depends_on_nothing_and_level_n_is_one_more_than_the_highest_dependency()
    {
        var l = ReleaseLevels.Compute(Cat(
            ("web", D("api", "core")), ("infra", D()), ("gateway", D("infra")), ("archive", D("infra")),
            ("api", D("gateway")), ("core", D("gateway")), ("docs", D("web", "infra"))));
        Assert.Equal(new[] { "infra", "gateway,archive", "api,core", "web", "docs" }, Layers(l));
        Assert.Equal(4, l.LevelOf["web"]);
        Assert.Empty(l.Cycles);
        Assert.Empty(l.Unlevelled);
        Assert.Empty(l.Unknown);
    }

    [Fact]
    public void A_diamond_takes_the_longest_path()
    {
        var l = ReleaseLevels.Compute(Cat(("a", D()), ("b", D("a")), ("c", D("b")), ("d", D("a", "c"))));
        Assert.Equal(4, l.LevelOf["d"]);
    }

    [Fact]
    public void A_cycle_is_named_closed_from_its_first_catalogue_project_and_everything_behind_it_has_no_level()
    {
        var l = ReleaseLevels.Compute(Cat(("infra", D()), ("b", D("c")), ("a", D("b", "infra")), ("c", D("a")), ("web", D("c")), ("ok", D("infra"))));
        Assert.Equal(new[] { "b → c → a → b" }, l.Cycles.Select(ReleaseLevels.Arrow));
        Assert.Equal(new[] { "b", "a", "c", "web" }, l.Unlevelled);
        Assert.Equal(new[] { "infra", "ok" }, Layers(l));
    }

    [Fact]
    public void Each_strongly_connected_component_is_one_cycle_the_shortest_through_its_first_project()
    {
        var l = ReleaseLevels.Compute(Cat(
            ("a", D("b")), ("b", D("c", "a")), ("c", D("a")), // one component: a → b → a is shortest
            ("x", D("x")),                                     // a self-dependency
            ("p", D("q")), ("q", D("p", "a"))));              // a second component that also depends on the first
        Assert.Equal(new[] { "a → b → a", "x → x", "p → q → p" }, l.Cycles.Select(ReleaseLevels.Arrow));
        Assert.Equal(new[] { "a", "b", "c", "x", "p", "q" }, l.Unlevelled);
    }

    [Fact]
    public void Unknown_names_are_listed_where_they_are_written_and_left_out_of_the_layering()
    {
        var l = ReleaseLevels.Compute(Cat(("infra", D()), ("api", D("infra", "gatewy"))));
        var u = Assert.Single(l.Unknown);
        Assert.Equal(("api", "gatewy", 3, 30), (u.Project.Name, u.Name, u.Span.Line, u.Span.Column));
        Assert.Equal(2, l.LevelOf["api"]);
    }

    [Fact]
    public void Duplicate_dependencies_and_duplicate_projects_count_once()
    {
        var l = ReleaseLevels.Compute(Cat(("a", D()), ("b", D("a", "a")), ("a", D("b"))));
        Assert.Equal(new[] { "a", "b" }, Layers(l));
        Assert.Empty(l.Cycles);
    }

    [Fact]
    public void A_chain_of_a_hundred_thousand_projects_does_not_exhaust_the_stack()
    {
        const int n = 100_000;
        var chain = Enumerable.Range(0, n).Select(i => ($"p{i}", i == 0 ? D() : D($"p{i - 1}"))).ToArray();
        Assert.Equal(n, ReleaseLevels.Compute(Cat(chain)).LevelOf[$"p{n - 1}"]);
        chain[0] = ("p0", D($"p{n - 1}")); // and as one long cycle
        var cyclic = ReleaseLevels.Compute(Cat(chain));
        Assert.Equal(n + 1, Assert.Single(cyclic.Cycles).Count);
        Assert.Equal(n, cyclic.Unlevelled.Count);
    }

    [Fact]
    public void On_random_catalogues_every_level_is_one_more_than_the_highest_dependency_and_cycles_are_real()
    {
        var gen = from n in Gen.Choose(1, 12)
                  from edges in Gen.ListOf(Gen.Choose(0, n - 1).SelectMany(a => Gen.Choose(0, n - 1).Select(b => (a, b))), n * 2)
                  select (n, edges);
        Prop.ForAll(gen.ToArbitrary(), g =>
        {
            var projects = Enumerable.Range(0, g.n).Select(i => ($"p{i}", g.edges.Where(e => e.a == i).Select(e => $"p{e.b}").ToArray())).ToArray();
            var deps = projects.ToDictionary(p => p.Item1, p => p.Item2);
            var l = ReleaseLevels.Compute(Cat(projects));
            foreach (var (name, level) in l.LevelOf)
                Assert.Equal(1 + deps[name].Select(d => l.LevelOf[d]).DefaultIfEmpty(0).Max(), level);
            Assert.Equal(g.n, l.LevelOf.Count + l.Unlevelled.Count);
            foreach (var cycle in l.Cycles)
            {
                Assert.Equal(cycle[0], cycle[^1]);
                for (var i = 0; i + 1 < cycle.Count; i++) Assert.Contains(cycle[i + 1], deps[cycle[i]]);
            }
            // no level only on or behind a cycle: an unlevelled project reaches a cycle member
            var onCycle = l.Cycles.SelectMany(c => c).ToHashSet();
            Assert.Equal(l.Unlevelled.Count > 0, l.Cycles.Count > 0);
            foreach (var u in l.Unlevelled) Assert.True(Reaches(u, onCycle, deps), u);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    private static bool Reaches(string from, HashSet<string> targets, Dictionary<string, string[]> deps)
    {
        var seen = new HashSet<string>();
        var stack = new Stack<string>(new[] { from });
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            if (targets.Contains(x)) return true;
            if (seen.Add(x)) foreach (var d in deps[x]) stack.Push(d);
        }
        return false;
    }
}
