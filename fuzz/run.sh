#!/usr/bin/env bash
# Builds the libFuzzer targets (release, AddressSanitizer, coverage of every sitegen module and of libyaml) and
# runs each in turn, at the lowest priority, for a fixed time or a fixed number of executions; then prints
# executions, executions per second and coverage per target. See fuzz/README.md.
# Usage: fuzz/run.sh [SECONDS | --runs N] [TARGET...]   (default: 60 seconds each; targets: all of them)
# Inputs found go to fuzz/.work/<target>/corpus, crashes, timeouts and OOMs to fuzz/.work/<target>/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")"
all=(normalize math frontmatter tensor templates html markdown)
limit=-max_total_time=60
case "${1:-}" in
  --runs) limit=-runs=$2; shift 2 ;;
  [0-9]*) limit=-max_total_time=$1; shift ;;
esac
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

# Seeds: our own inputs in corpus/<target>, and the repository's fixtures for the same stage.
seeds() {
  case "$1" in
    normalize) echo corpus/normalize ../Tests/SiteNormalizeTests/Fixtures ../notes/formats ;;
    math) echo corpus/math ../Tests/SiteMathTests/Fixtures ../notes/基础 ../notes/训练技巧 ;;
    frontmatter) echo corpus/frontmatter ../notes/formats ../notes/reference ;;
    tensor) echo corpus/tensor ../notes/examples ;;
    templates) echo corpus/templates ../templates ;;
    html) echo corpus/html ;;
    markdown) echo corpus/markdown ../Tests/SiteMarkdownTests/Fixtures ../notes/基础 ../notes/优化 ;;
  esac
}
dictionary() {
  case "$1" in
    frontmatter) echo dict/yaml.dict ;;
    templates) echo dict/mustache.dict ;;
    *) echo "dict/$1.dict" ;;
  esac
}

# The package depends on sitegen through this link, so its identity is `sitegen` whatever the clone is called.
ln -sfn .. sitegen
nice -n 19 swift build -c release -j 2 \
  -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address -Xswiftc -enable-testing >&2
bin=$(swift build -c release --show-bin-path)

summary=()
for target in "${targets[@]}"; do
  work=.work/$target
  mkdir -p "$work/corpus"
  log=$work/last-run.log
  echo "== fuzz-$target ($limit)" >&2
  # CPU seconds as well as wall time: on a shared machine at `nice 19` the wall-clock rate says little.
  rm -f "$work/cpu-seconds"
  timer=()
  [ -x /usr/bin/time ] && timer=(/usr/bin/time -f '%U %S' -o "$work/cpu-seconds")
  # -timeout: an input running longer is a hang (the tensor target stops blocks after 0.1 s itself).
  ASAN_OPTIONS=detect_leaks=0 "${timer[@]}" \
    nice -n 19 "$bin/fuzz-$target" "$work/corpus" $(seeds "$target") \
    -dict="$(dictionary "$target")" "$limit" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$work/" -print_final_stats=1 2>&1 | tee "$log" | grep -E '^#[0-9]+.*(pulse|DONE)|ERROR|SUMMARY|Test unit written' >&2 \
    || true
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  coverage=$(grep -E '^#[0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[^ ]+' || true)
  cpu=$(awk 'END { printf "%.0f", $1 + $2 }' "$work/cpu-seconds" 2>/dev/null || true)
  per_cpu=$([ -n "$runs" ] && [ "${cpu:-0}" -gt 0 ] && echo $((runs / cpu)) || echo '?')
  found=$(grep -c 'Test unit written' "$log" || true)
  summary+=("$(printf '%-12s %10s runs %6s exec/s %6s CPU s %6s exec/CPU s   %-36s %s' "$target" "${runs:-?}" "${rate:-?}" \
    "${cpu:-?}" "$per_cpu" "$coverage" \
    "$([ "$found" -eq 0 ] && echo 'no crash' || echo "$found FOUND: see $work/")")")
done
printf '\nfuzz targets, %s, %s cores, load %s\n' "$limit" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${summary[@]}"
