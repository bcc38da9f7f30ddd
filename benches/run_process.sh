#!/usr/bin/env bash
# Whole-process timing of `run`, as a user runs it: the release binary on a generated script of
# the benchmark's workload (benches/support/workload.rs), transcript and JSON written to a file.
# Prints wall time, CPU time (user + system: on a shared machine the steadier figure), commands
# per second by each, and peak memory (max RSS), the best of RUNS for each.
# Usage: benches/run_process.sh [LINES] [RUNS]    (defaults: 1000000 3)
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-1000000}
runs=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin cqrs-catalog --example workload
bin=target/release/cqrs-catalog
target/release/examples/workload "$lines" > "$work/script.txt"

measure() { # label, then the arguments of run
    local label=$1; shift
    local best_s="" best_cpu="" best_kb=""
    for _ in $(seq 1 "$runs"); do
        /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$bin" run "$@" > "$work/out"
        read -r s user sys kb < "$work/time"
        cpu=$(awk -v u="$user" -v k="$sys" 'BEGIN { print u + k }')
        if [ -z "$best_s" ] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; fi
        if [ -z "$best_cpu" ] || awk "BEGIN{exit !($cpu < $best_cpu)}"; then best_cpu=$cpu; fi
        if [ -z "$best_kb" ] || [ "$kb" -lt "$best_kb" ]; then best_kb=$kb; fi
    done
    awk -v l="$label" -v s="$best_s" -v c="$best_cpu" -v kb="$best_kb" -v n="$lines" \
        'BEGIN { printf "%-18s wall %5.2f s (%7.0f/s)  cpu %5.2f s (%7.0f/s)  peak %4.0f MB\n",
                 l, s, n / s, c, n / c, kb / 1024 }'
}

echo "run on $lines commands of the benchmark workload (best of $runs; $(nproc) cores)"
measure "run (transcript)" "$work/script.txt"
measure "run --json" "$work/script.txt" --json
# Memory that grows with lines, not events: a script of ticks alone appends nothing.
awk -v n="$lines" 'BEGIN { for (i = 0; i < n; i++) print "tick" }' > "$work/ticks.txt"
measure "run (ticks only)" "$work/ticks.txt"
# Memory per book: half as many books as lines, each acquired and cataloged (peak / books).
awk -v n="$((lines / 2))" 'BEGIN { for (i = 0; i < n; i++) printf "acquire b%d \"Title %d\" by \"Author %d\" about \"subject %d\"\ncatalog b%d\n", i, i, i % 2000, i % 40, i }' > "$work/books.txt"
measure "run (books)" "$work/books.txt"
