using DocLint.Linting;
using DocLint.Load;

namespace DocLint.Tests.Hostile;

/// <summary>
/// Issue 7 item 2: one test per hostile input of <see cref="HostileCases"/>, through <see cref="Linter.Run"/> on a bf-dev
/// copy: the findings are exactly the expected ones (the hostile change and nothing else), and no exception. The
/// timeout is a hang guard (a FIFO opened for reading would block forever), not a speed assertion.
/// </summary>
public class HostileInputTests
{
    [Theory(Timeout = 120_000)]
    [MemberData(nameof(HostileCases.Names), MemberType = typeof(HostileCases))]
    public async Task Reports_exactly_the_finding(string name)
    {
        var c = HostileCases.Get(name);
        var (repo, outside) = HostileCases.Arrange(c);
        using (repo)
        using (outside)
        {
            var result = await Task.Run(() => Linter.Run(Project.Open(new[] { repo.Root }, null)));
            var actual = result.Findings.Select(f => f.ToString()).ToList();
            var expected = HostileCases.Expected(c, outside);
            Assert.True(expected.SequenceEqual(actual),
                $"expected:\n{string.Join("\n", expected)}\nactual:\n{string.Join("\n", actual)}");
            Assert.DoesNotContain(result.Findings, f => f.Message.Contains(HostileCases.Leak, StringComparison.Ordinal));
        }
    }
}
