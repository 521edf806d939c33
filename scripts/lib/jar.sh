# Shared by the scripts: the bundled jar, built with Maven when it is missing or older than the sources.
# shellcheck shell=bash
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/target/hubspot-beam-extractor-0.1.0-SNAPSHOT-bundled.jar"

ensure_jar() {
  local stale=""
  if [[ -f "$jar" ]]; then
    stale=$(find "$root/src/main" "$root/pipelines" "$root/pom.xml" -newer "$jar" -type f -print -quit)
  fi
  if [[ ! -f "$jar" || -n "$stale" ]]; then
    echo "Building $(basename "$jar") (mvn package, tests skipped)..." >&2
    # One Maven at a time on this machine: builds started by other scripts wait their turn.
    local lock=()
    command -v flock >/dev/null && lock=(flock /tmp/hubspot-beam-maven.lock)
    (cd "$root" && "${lock[@]}" mvn -q -B -DskipTests package) >&2 || {
      echo "error: the build failed; run 'mvn -DskipTests package' to see why" >&2
      exit 1
    }
  fi
}
