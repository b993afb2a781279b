#!/usr/bin/env bash
# Runs `anonex anonymize` and `anonex search` (lattice and Mondrian) of one checkout on the 1M-row
# fixtures and prints, per output, its sha256 and the run's wall time and peak RSS: a refactoring
# that keeps behaviour prints the same hashes for the tree before and after it.
# Usage: scripts/bench/cli-outputs.sh <anonex checkout, built> <fixtures dir> <out dir>
#        scripts/bench/cli-outputs.sh --hashes <out dir>   (hash the outputs of an earlier run)
#   <fixtures dir> holds hospital-visits.csv (scripts/generate-fixtures.ts --fixture
#   hospital-visits --rows 1000000) and synthetic-qi/ (scripts/generate-synthetic-qi.ts).
set -euo pipefail

# JSON without what changes from run to run: the clock's figures (elapsed_ms, generatedAt), the
# output path (out) and, for a listing-mode policy, the output's hash (rows in secure-random order).
strip() {
  node -e '
    const drop = new Set(["elapsed_ms", "generatedAt", "generatedAtMs", "out", "output.sha256"]);
    const clean = (v, at) => Array.isArray(v) ? v.map((x) => clean(x, at)) : v && typeof v === "object"
      ? Object.fromEntries(Object.entries(v).filter(([k]) => !drop.has(k) && !drop.has(at + k))
          .map(([k, x]) => [k, clean(x, k + ".")])) : v;
    process.stdout.write(JSON.stringify(clean(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")), "")));
  ' "$1"
}

hashes() { # <out dir>: the sha256 of each output
  for file in anonymized.csv searched.csv mondrian.csv; do
    echo "$(sha256sum < "$1/$file" | cut -c1-64) $file"
  done
  # A listing-mode release permutes its rows with secure randomness: compare the rows, sorted.
  echo "$( (head -1 "$1/anonymized.csv"; tail -n +2 "$1/anonymized.csv" | LC_ALL=C sort) |
    sha256sum | cut -c1-64) anonymized.csv (rows sorted)"
  for file in report.json search.json mondrian.json; do
    echo "$(strip "$1/$file" | sha256sum | cut -c1-64) $file (run-to-run figures taken out)"
  done
}

if [ "$1" = --hashes ]; then # scripts/bench/cli-outputs.sh --hashes <out dir>: hash only
  hashes "$2"
  exit 0
fi

root=$(cd "$1" && pwd)
fixtures=$(cd "$2" && pwd)
mkdir -p "$3"
out=$(cd "$3" && pwd)
cd "$root"

timed() { # name, command…: runs it, prints "name wall peak" on stderr
  local name=$1
  shift
  /usr/bin/time -f "$name %e s %M KiB" -o "$out/$name.time" "$@"
  cat "$out/$name.time" >&2
}

timed anonymize node bin/anonex.js anonymize "$fixtures/hospital-visits.csv" \
  --policy policies/hospital-visits.yaml --out "$out/anonymized.csv" \
  --report "$out/report.json" --seed 1 > "$out/anonymize.stdout"

qis=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).join(" "))' \
  "$fixtures/synthetic-qi/qis.json")
hierarchies=()
for qi in $qis; do hierarchies+=(--hierarchy "$qi=$fixtures/synthetic-qi/hierarchy_$qi.csv"); done
timed search node bin/anonex.js search "$fixtures/synthetic-qi/synthetic.csv" "${hierarchies[@]}" \
  --k 5 --json --out "$out/searched.csv" > "$out/search.json"
timed mondrian node bin/anonex.js search "$fixtures/synthetic-qi/synthetic.csv" "${hierarchies[@]}" \
  --k 5 --method mondrian --json --out "$out/mondrian.csv" > "$out/mondrian.json"

hashes "$out"
