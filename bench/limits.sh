#!/usr/bin/env bash
# Every output but the diagram at the language's limits, as a user runs it (issue 29): each command of ./cnnc
# (the launcher, its flags and archive) on models of 1,000 and 20,000 layers in each mix of chains, blocks,
# nesting, merges, repetitions and a concat of thousands of branches, and on descriptions of 1 MiB (the
# largest a description may be), with the process's CPU time (user + system) and its peak memory (maximum
# resident set), by /usr/bin/time. The goal: within 1 s of CPU and 256 MB at the limits.
#   bench/limits.sh [RUNS]          RUNS runs of each (default 1), the median CPU and the largest memory
# Then, in one JVM after warm-up, each output's own time, so that a time growing faster than the model shows:
#   java -cp target/cnnc.jar:target/test-classes cnnc.bench.LimitsBenchmark [RUNS]
# and the bytes each command allocates (a figure the machine's other work does not move):
#   java -XX:TieredStopAtLevel=1 -cp target/cnnc.jar:target/test-classes cnnc.bench.LimitsBenchmark allocated target/limits
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-1}"

mvn -q -B -DskipTests package test-compile >&2
./cnnc --version >/dev/null   # builds and trains the archive, if this checkout has none yet
folder=target/limits
java -cp target/cnnc.jar:target/test-classes cnnc.bench.LimitsBenchmark write "$folder"

commands=("check" "report" "report --format json" "report --format csv" "report --format markdown"
          "report --explain" "report --explain --format json" "keras" "torch" "dl4j")

# measure FILE COMMAND...: the median CPU seconds and the largest resident set of RUNS runs, and the exit code
measure() {
  local file="$1"
  shift
  local cpu=() memory=0 exit=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -o target/limits/time.txt -f '%U %S %M %x' ./cnnc "$@" "$file" >/dev/null 2>&1 || true
    read -r user system kilobytes exit < <(tail -1 target/limits/time.txt)
    cpu+=("$(echo "$user + $system" | bc)")
    (( kilobytes > memory )) && memory=$kilobytes
  done
  local sorted=($(printf '%s\n' "${cpu[@]}" | sort -n))
  printf '%7.2f s %5d MB  exit %s' "${sorted[$((runs / 2))]}" $((memory / 1024)) "$exit"
}

printf '%-28s %-34s %s\n' "file" "command" "CPU (median of $runs), peak memory"
for file in "$folder"/*.cnn; do
  for command in "${commands[@]}"; do
    # a description with errors gets its diagnostics from every command: check alone is worth timing
    if [[ "$(basename "$file")" == mib-* && "$command" != check ]]; then
      continue
    fi
    read -r -a words <<<"$command"
    printf '%-28s %-34s %s\n' "$(basename "$file")" "$command" "$(measure "$file" "${words[@]}")"
  done
done
