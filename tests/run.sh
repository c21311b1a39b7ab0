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

# The browser tests drive this headless Chromium through Playwright (ExecutablePath; no browser download).
if [ ! -x /usr/bin/chromium ]; then
  echo "tests/run.sh: /usr/bin/chromium not found; installing Debian's chromium package" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

rm -rf TestResults
status=0
dotnet test Conversations.sln --logger "trx" --results-directory TestResults "$@" || status=$?

# The slowest five tests of each test project, so that a test growing slower shows before it times out.
for trx in TestResults/*.trx; do
  [ -f "$trx" ] || continue
  tr '<' '\n' <"$trx" | awk '
    function attribute(name,   found) {
      if (match($0, " " name "=\"[^\"]*\"")) {
        found = substr($0, RSTART + length(name) + 3, RLENGTH - length(name) - 4);
        return found;
      }
      return "";
    }
    # TRX writes the quotes in names (the arguments of theories) as XML escapes: show them as written.
    function unescape(text) {
      gsub(/&quot;/, "\"", text);
      gsub(/&apos;/, "'"'"'", text);
      gsub(/&lt;/, "<", text);
      gsub(/&gt;/, ">", text);
      gsub(/&amp;/, "\\&", text);
      return text;
    }
    /^TestMethod / && project == "" {
      project = attribute("codeBase");
      sub(/.*\//, "", project);
      sub(/\.dll$/, "", project);
    }
    /^UnitTestResult / {
      split(attribute("duration"), hms, ":");
      printf "%.1f\t%s\n", hms[1] * 3600 + hms[2] * 60 + hms[3], unescape(attribute("testName"));
    }
    END { print "project\t" project }' | sort -t "$(printf '\t')" -k1,1 -rn | awk -F '\t' -v trx="$trx" '
    $1 == "project" { project = $2; next }
    { times[++n] = $1; names[n] = $2 }
    END {
      printf "slowest in %s:\n", (project == "" ? trx : project);
      for (i = 1; i <= n && i <= 5; i++) printf "  %7.1f s  %s\n", times[i], names[i];
    }'
done
exit "$status"
