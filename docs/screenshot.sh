#!/bin/sh
# Regenerates docs/html-report.png (the screenshot README shows) from the current build: the html report of a bf-dev
# copy with five realistic mistakes, rendered by headless Chromium at 1280x1600.
#   docs/screenshot.sh                 build and run this checkout's doclint
#   DOCLINT="path/to/doclint" docs/screenshot.sh [OUT.png]   use that binary instead
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$here/docs/html-report.png}
chromium=$(command -v chromium || command -v chromium-browser) || { echo "screenshot.sh: chromium is not on PATH" >&2; exit 2; }
if [ -z "${DOCLINT:-}" ]; then
  dotnet build "$here/src/DocLint.Cli" -c Release -v q -nologo >/dev/null
  DOCLINT="dotnet $here/src/DocLint.Cli/bin/Release/net10.0/doclint.dll"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$here/docs-fixtures/bf-dev" "$work/bf-dev"
rm -f "$work/bf-dev/expected.txt"
python3 - "$work/bf-dev" <<'PY'
import sys, pathlib
root = pathlib.Path(sys.argv[1])
def edit(rel, old, new):
    p = root / rel
    text = p.read_text()
    assert old in text, (rel, old)
    p.write_text(text.replace(old, new, 1))
ci = ".gitlab-ci.yml"
edit(ci, "        - deploy-release-branch-to-staging\n", "        - deploy-release-branch-to-staging\n        - rollback\n")   # action-vocabulary
edit(ci, '    - if: $INVOKE_RELEASE == "true"\n', "")                                                                      # legacy-invoke
edit(ci, '"$[[ inputs.confirm ]]" == "true" && "$[[ inputs.action ]]" == "deploy-release-branch-to-staging" && "$[[ inputs.project ]]" != "all"',
         '"$[[ inputs.action ]]" == "deploy-release-branch-to-staging" && "$[[ inputs.project ]]" != "all"')                 # confirm-gate
(root / "bf-release" / "Cut-off.gitlab-ci.yml").write_text(
    "# Retired: cut-off now lives in the root .gitlab-ci.yml\ncut-off:all:\n  trigger: { project: betterfleet/bf-manage-core }\n")  # composition
edit("docs/operations/runbooks/index.md", "action=bring-all-code-to-release-branch project=all", "action=cut-off project=all")  # docs-action-name
PY
$DOCLINT check "$work/bf-dev" --report "html=$work/report.html" >/dev/null || true
"$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-extensions \
  --proxy-server=http://127.0.0.1:9 --user-data-dir="$work/profile" --hide-scrollbars --window-size=1280,1600 \
  --run-all-compositor-stages-before-draw --virtual-time-budget=3000 --screenshot="$out" "file://$work/report.html" 2>/dev/null
echo "screenshot.sh: wrote $out" >&2
