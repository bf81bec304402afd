#!/usr/bin/env bash
# ScriptReader's throughput: about 20 MB of generated small statements (INSERTs, UPDATEs, dollar-
# quoted functions, COPY blocks, meta commands), read five times in one JVM; prints the best MB/s.
# It checks the counts of what it read, and only prints the speed. Not part of `mvn verify`.
#
#   bench/script-reader.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
"$root/ferry" --version >/dev/null
java -cp "$root/ferry-cli/target/ferry.jar" "$here/script-reader/ScriptReaderThroughput.java"
