#!/usr/bin/env bash
# The whole PostgreSQL version matrix, which `mvn verify` runs only a representative part of:
# CrossVersionCorpusTest (the migra corpus from each source version 9.6 to 17 to 15, and from 15 to
# each target 12 to 17) and VersionMatrixTest (a generated legacy CKAN catalog along the same arrows).
# About 15 minutes on four cores. Extra arguments go to Maven (say -o for offline).
# Usage: bench/versions.sh [MAVEN ARGS...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B "$@" test -pl ferry-cli -am -Dferry.pg.versions=all \
  -Dtest='CrossVersionCorpusTest,VersionMatrixTest' -Dsurefire.failIfNoSpecifiedTests=false -Dferry.excludedGroups=none
