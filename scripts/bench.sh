#!/usr/bin/env bash
# The benchmark suite, with its baselines installed: builds the analyzer if needed, installs
# GoAccess and lnav from Debian when missing (as root; otherwise they are skipped with a printed
# reason), then runs `analyzer bench` with the arguments given (default: about 10M events).
#   scripts/bench.sh                      # ~10M events, ~2.3 GB
#   scripts/bench.sh --events 50000000    # bigger
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
for tool in goaccess lnav; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "bench.sh: installing ${missing[*]}" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) \
      || echo "bench.sh: could not install ${missing[*]}; the benchmark skips them" >&2
  else
    echo "bench.sh: ${missing[*]} not installed and not root; the benchmark skips them" >&2
  fi
fi
[ -f analyzer/target/analyzer.jar ] || mvn -B -q package -DskipTests
exec java -jar analyzer/target/analyzer.jar bench "$@"
