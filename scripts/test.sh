#!/usr/bin/env bash
# The whole test suite: installs the servers the integration tests start (mosquitto, victoria-metrics)
# when they are missing, builds the solution, checks deploy/ (deploy/check.sh), and runs every test project.
# The central-station tests drive a real browser: chromium and chromium-driver are installed the same way.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

need=()
command -v mosquitto >/dev/null 2>&1 || [[ -x /usr/sbin/mosquitto ]] || need+=(mosquitto)
command -v victoria-metrics >/dev/null 2>&1 || [[ -x /usr/bin/victoria-metrics ]] || need+=(victoria-metrics)
python3 -c "import yaml" >/dev/null 2>&1 || need+=(python3-yaml)  # deploy/check.sh
[[ -x /usr/bin/chromium ]] || need+=(chromium)
[[ -x /usr/bin/chromedriver ]] || need+=(chromium-driver)
if (( ${#need[@]} )); then
  sudo_cmd=(); [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  echo "Installing ${need[*]} from apt..." >&2
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  # The packages start system-wide services; the tests start their own on free ports.
  for service in mosquitto victoria-metrics; do
    "${sudo_cmd[@]}" systemctl disable --now "$service" >/dev/null 2>&1 || true
  done
fi

dotnet build AtdMonitor.sln -c Release --nologo -v quiet -clp:ErrorsOnly
# The deploy files against the build: appsettings copies against the options classes, compose command lines, ...
deploy/check.sh
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test AtdMonitor.sln -c Release --no-build --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line over every test project, in the plain form CI reads.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
