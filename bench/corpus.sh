#!/usr/bin/env bash
# Corpus run (issue 7 item 3): every file of ../shared/corpus through DocLint, in one Release build.
#   - gitlab-ci/: each CI file as a repository's root .gitlab-ci.yml, the whole pipeline (every scenario, every rule);
#   - markdown/ and runbooks/: every Markdown file through the docs rules (each folder one repository);
# prints files, exceptions (must be 0), findings per rule and time; exits 1 on any exception.
# Usage: bash bench/corpus.sh [CORPUS-DIR]   (default: ../shared/corpus beside this checkout)
# DOCLINT_CORPUS_DUMP=FILE also writes every CI finding (file, rule, line, message), one a line, to diff two runs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:-$here/../shared/corpus}"
if [ ! -d "$corpus" ]; then echo "bench/corpus.sh: no corpus at $corpus" >&2; exit 2; fi
corpus="$(cd "$corpus" && pwd)"
dotnet build "$here/bench/DocLint.Benchmarks" -c Release -v q -nologo >/dev/null
bench=("dotnet" "$here/bench/DocLint.Benchmarks/bin/Release/net10.0/DocLint.Benchmarks.dll")
status=0
start=$(date +%s%N)
"${bench[@]}" corpus "$corpus/gitlab-ci" || status=1
"${bench[@]}" docs-corpus "$corpus/markdown" "$corpus/runbooks" || status=1
end=$(date +%s%N)
printf 'corpus run: %d s, %s\n' "$(( (end - start) / 1000000000 ))" "$([ $status = 0 ] && echo 'no exception' || echo 'EXCEPTIONS (see above)')"
exit $status
