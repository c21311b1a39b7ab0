#!/usr/bin/env bash
# Runs every test of the solution. The durability and cluster tests start a throwaway PostgreSQL from the
# installed server binaries; when those are missing this script installs Debian's postgresql package first.
# The chat page's browser test needs Debian's chromium package, installed the same way when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "tests/run.sh: PostgreSQL server binaries not found; installing Debian's postgresql package" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

# The chat page's browser test drives headless Chromium.
if [ ! -x /usr/bin/chromium ]; then
  echo "tests/run.sh: /usr/bin/chromium not found; installing Debian's chromium package" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

rm -rf TestResults
dotnet test Conversations.sln --logger "trx" --results-directory TestResults "$@"
