#!/bin/sh
# Import speed against the plain load (issue target: importing a generated configuration exported as
# cmdlet JSON takes at most twice its load as YAML or JSON). Exports bench/out/SIZE.json with
# `e911 export --to cmdlet-json`, then times, alternating in one run, `e911 validate` of the YAML,
# of the JSON and of the export folder (which goes through the importer), and prints the medians of their CPU time.
#   bench/import-speed.sh [SIZE] [RUNS] [E911]     defaults: L 5 build/cli/e911
set -eu
cd "$(dirname "$0")/.."
size=${1:-L}
runs=${2:-5}
e911=${3:-build/cli/e911}
out=bench/out
[ -f "$out/$size.json" ] || /usr/bin/python3 bench/gen "$size"
rm -rf "$out/$size-cmdlet"
"$e911" export "$out/$size.json" --to cmdlet-json -o "$out/$size-cmdlet" >/dev/null
# validate exits 1 when the configuration has errors; only the time matters here.
# CPU seconds (user + system), not wall time: on a shared machine the wall clock measures the neighbours.
seconds() {
  /usr/bin/time -f "%U %S" "$e911" validate "$1" >/dev/null 2>"$out/.time" || true
  tail -1 "$out/.time" | awk "{print \$1 + \$2}"
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
yaml="" json="" imp=""
i=0
while [ $i -lt "$runs" ]; do
  yaml="$yaml $(seconds "$out/$size.yaml")"
  json="$json $(seconds "$out/$size.json")"
  imp="$imp $(seconds "$out/$size-cmdlet")"
  i=$((i + 1))
done
y=$(echo "$yaml" | median) j=$(echo "$json" | median) m=$(echo "$imp" | median)
echo "$size, median of $runs runs (s): load YAML $y, load JSON $j, import cmdlet JSON $m"
awk -v y="$y" -v j="$j" -v m="$m" 'BEGIN {
  printf "import / YAML load = %.2f, import / JSON load = %.2f (target: at most 2)\n", m / y, m / j }'
