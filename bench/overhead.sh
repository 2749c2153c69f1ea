#!/usr/bin/env bash
# What a change costs `cnnc report` as a process: the jar of BASE (a commit) against this
# checkout's, alternating runs so both see the same machine.
#   bench/overhead.sh BASE [RUNS] [FILE]
# Prints the median wall and CPU (user + system) time of `report FILE` for each jar, each run as
# the ./cnnc launcher runs it: C1 only, the serial collector, and a class-data archive of its own
# (written by one run of the same command first).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
base="$1"
runs="${2:-20}"
file="${3:-samples/zoo/resnet50.cnn}"

work="$(mktemp -d)"
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add -q --detach "$work/base" "$base"
(cd "$work/base" && mvn -q -B -DskipTests package >&2)
mvn -q -B -DskipTests package >&2

jar_of() { [ "$1" = base ] && echo "$work/base/target/cnnc.jar" || echo target/cnnc.jar; }
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss16m -Xlog:disable -Xlog:all=off)
for jar in base head; do
  java "${flags[@]}" -XX:ArchiveClassesAtExit="$work/$jar.jsa" -jar "$(jar_of $jar)" report "$file" >/dev/null 2>&1
done
declare -A wall cpu
for i in $(seq "$runs"); do
  for jar in base head; do
    read -r w u s < <(/usr/bin/time -f "%e %U %S" java "${flags[@]}" -XX:SharedArchiveFile="$work/$jar.jsa" \
      -jar "$(jar_of $jar)" report "$file" 2>&1 >/dev/null | tail -1)
    wall[$jar]+="$(echo "$w * 1000 / 1" | bc) "
    cpu[$jar]+="$(echo "($u + $s) * 1000 / 1" | bc) "
  done
done
median() { printf '%s\n' $1 | sort -n | sed -n "$(( $(printf '%s\n' $1 | wc -l) / 2 + 1 ))p"; }
for jar in base head; do
  echo "$jar ($([ "$jar" = base ] && git rev-parse --short "$base" || echo "this checkout")): report $file:" \
    "median wall $(median "${wall[$jar]}") ms, median CPU $(median "${cpu[$jar]}") ms over $runs runs"
done
