#!/usr/bin/env bash
# Static checks of deploy/ (no Docker engine, cluster or systemd needed):
#   every JSON and YAML file parses; yamllint, shellcheck, hadolint (or the dockerfile-utils linter from
#   npm), systemd-analyze verify, the mosquitto configuration and kubectl kustomize pass where those tools
#   are installed; the StatefulSet's shard count equals its replicas; the Kubernetes appsettings.json has
#   the keys of the repository's; every appsettings copy and ATD__ environment block binds to the worker's
#   options classes (atd config check) and every compose command line parses; every Flux query of the dashboards compiles (Flux language service from
#   npm) and uses only measurements, fields and tags that are in deploy/grafana/schema.json.
# Needs python3 with PyYAML (Debian: python3-yaml). The npm tools are installed once into
# .tools/deploy-check (ignored by git) when npm can reach its registry.
# Usage: deploy/check.sh [--strict]   (--strict fails instead of skipping when a tool is missing)
set -euo pipefail
deploy="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$deploy")"
cd "$root"

if ! python3 -c "import yaml" 2>/dev/null; then
  echo "deploy/check.sh needs python3 with PyYAML (apt-get install python3-yaml)" >&2
  exit 2
fi

strict=0
[[ "${1:-}" == "--strict" ]] && strict=1
passed=0
failed=0
skipped=0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Pinned npm tools: the Flux language service (WebAssembly) and a Dockerfile linter.
npm_tools="$root/.tools/deploy-check"
npm_packages=("@influxdata/flux-lsp-browser@0.8.40" "dockerfile-utils@0.16.3")
npm_ready() {
  [[ -f "$npm_tools/ready" ]] && return 0
  have npm && have node || return 1
  npm install --silent --no-save --no-audit --no-fund --prefix "$npm_tools" "${npm_packages[@]}" >/dev/null 2>&1 || return 1
  printf '%s\n' "${npm_packages[@]}" > "$npm_tools/ready"
}

pass() { echo "ok    $1"; passed=$((passed + 1)); }
fail() { echo "FAIL  $1" >&2; failed=$((failed + 1)); }
skip() {
  if ((strict)); then fail "$1 (no $2)"; else echo "skip  $1 (no $2)"; skipped=$((skipped + 1)); fi
}
have() { command -v "$1" >/dev/null 2>&1; }

# 1. Every JSON and YAML file under deploy/ parses (multi-document YAML included).
if python3 - "$deploy" <<'PY'
import json, pathlib, sys, yaml
bad = 0
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*")):
    try:
        if path.suffix == ".json":
            json.loads(path.read_text())
        elif path.suffix in (".yml", ".yaml"):
            list(yaml.safe_load_all(path.read_text()))
    except Exception as error:  # report every file, not only the first
        bad += 1
        print(f"{path}: {error}", file=sys.stderr)
sys.exit(1 if bad else 0)
PY
then pass "JSON and YAML parse"; else fail "JSON and YAML parse"; fi

# 2. yamllint.
if have yamllint; then
  if yamllint -s -c deploy/.yamllint.yml deploy; then pass "yamllint"; else fail "yamllint"; fi
else skip "yamllint" yamllint; fi

# 3. shellcheck on the shell scripts of deploy/.
if have shellcheck; then
  mapfile -t scripts < <(find deploy -name '*.sh' -type f | sort)
  if shellcheck "${scripts[@]}"; then pass "shellcheck (${#scripts[@]} scripts)"; else fail "shellcheck"; fi
else skip "shellcheck" shellcheck; fi

# 4. hadolint on the Dockerfiles; without it, dockerfile-utils (instructions, arguments, ports, flags).
dockerfiles=(deploy/docker/Dockerfile deploy/docker/Dockerfile.cuda)
if have hadolint; then
  if hadolint "${dockerfiles[@]}"; then pass "hadolint"; else fail "hadolint"; fi
elif npm_ready; then
  lint_ok=1
  for dockerfile in "${dockerfiles[@]}"; do
    node "$npm_tools/node_modules/dockerfile-utils/bin/dockerfile-utils" lint "$dockerfile" || { echo "in $dockerfile" >&2; lint_ok=0; }
  done
  if ((lint_ok)); then pass "dockerfile-utils lint (${#dockerfiles[@]} Dockerfiles)"; else fail "dockerfile-utils lint"; fi
else skip "Dockerfile lint" "hadolint or npm"; fi

# 5. systemd-analyze verify. The application is not installed here, so ExecStart points at /bin/true for the
#    check; systemd-analyze exits 0 on unknown keys and bad values, so any output counts as a failure.
if have systemd-analyze; then
  sed 's#^ExecStart=/opt/atd-monitor/atd #ExecStart=/bin/true #' deploy/systemd/atd-monitor.service > "$work/atd-monitor.service"
  if out="$(systemd-analyze verify "$work/atd-monitor.service" 2>&1)" && [[ -z "$out" ]]; then
    pass "systemd-analyze verify"
  else
    echo "$out" >&2; fail "systemd-analyze verify"
  fi
else skip "systemd-analyze verify" systemd-analyze; fi

# 6. mosquitto accepts the compose configuration: it keeps running (rather than exiting with an error)
#    on a spare port with the persistence folder moved into the scratch directory.
mosquitto_bin="$(command -v mosquitto || true)"
[[ -z "$mosquitto_bin" && -x /usr/sbin/mosquitto ]] && mosquitto_bin=/usr/sbin/mosquitto
if [[ -n "$mosquitto_bin" ]]; then
  mkdir -p "$work/mosquitto"
  # Started as root, mosquitto drops to its own user, which must reach the persistence folder.
  chmod 0755 "$work"
  chmod 0777 "$work/mosquitto"
  port=$((20000 + RANDOM % 20000))
  sed -e "s#^persistence_location .*#persistence_location $work/mosquitto/#" -e "s#^listener 1883\$#listener $port 127.0.0.1#" \
    deploy/compose/mosquitto/mosquitto.conf > "$work/mosquitto.conf"
  set +e
  out="$(timeout 2 "$mosquitto_bin" -c "$work/mosquitto.conf" 2>&1)"
  rc=$?
  set -e
  if ((rc == 124)) && ! grep -q "Error" <<<"$out"; then pass "mosquitto accepts mosquitto.conf"; else echo "$out" >&2; fail "mosquitto.conf (exit $rc)"; fi
else skip "mosquitto configuration" mosquitto; fi

# 7. kustomize renders the Kubernetes manifests, and the StatefulSet's shard count equals its replicas.
if have kubectl; then
  if kubectl kustomize deploy/k8s > "$work/k8s.yaml"; then
    pass "kubectl kustomize deploy/k8s"
    if python3 - "$work/k8s.yaml" <<'PY'
import sys, yaml
for doc in yaml.safe_load_all(open(sys.argv[1])):
    if doc and doc["kind"] == "StatefulSet":
        replicas = doc["spec"]["replicas"]
        env = {e["name"]: e for c in doc["spec"]["template"]["spec"]["containers"] for e in c.get("env", [])}
        count = env["ATD__Sharding__ShardCount"]["value"]
        index = env["ATD__Sharding__ShardIndex"]["valueFrom"]["fieldRef"]["fieldPath"]
        if str(replicas) != count:
            sys.exit(f"{doc['metadata']['name']}: replicas {replicas} but ATD__Sharding__ShardCount {count}")
        if "pod-index" not in index:
            sys.exit(f"{doc['metadata']['name']}: ATD__Sharding__ShardIndex does not come from the pod index ({index})")
PY
    then pass "shard count equals replicas"; else fail "shard count equals replicas"; fi
  else fail "kubectl kustomize deploy/k8s"; fi
else skip "kubectl kustomize" kubectl; fi

# 8. The Kubernetes ConfigMap replaces the image's appsettings.json as a whole, so it must carry every key
#    of the repository's appsettings.json (values may differ) and no key the worker does not know.
if python3 - appsettings.json deploy/k8s/appsettings.json <<'PY'
import json, sys
def keys(node, prefix=""):
    if isinstance(node, dict):
        return set().union(*(keys(value, f"{prefix}{key}:") for key, value in node.items())) if node else {prefix}
    return {prefix.rstrip(":")}
reference, configmap = (keys(json.load(open(path))) for path in sys.argv[1:3])
for key in sorted(reference - configmap):
    print(f"{sys.argv[2]}: missing {key}", file=sys.stderr)
for key in sorted(configmap - reference):
    print(f"{sys.argv[2]}: {key} is not in {sys.argv[1]}", file=sys.stderr)
sys.exit(1 if reference != configmap else 0)
PY
then pass "deploy/k8s/appsettings.json has the keys of appsettings.json"; else fail "deploy/k8s/appsettings.json keys"; fi

# 8b. Every appsettings copy and every ATD__ environment block of deploy/ against the worker's options classes
#     (`atd config check`: unknown keys, wrong types, invalid values; the full files must write out every
#     setting), and every command line in compose against the real atd / atd-sim command trees.
atd_bin="$root/src/AtdMonitor.Cli/bin/Release/net10.0/atd"
sim_bin="$root/simulators/AtdMonitor.Simulator/bin/Release/net10.0/atd-sim"
if [[ ! -x "$atd_bin" || ! -x "$sim_bin" ]] && have dotnet; then
  dotnet build "$root/src/AtdMonitor.Cli/AtdMonitor.Cli.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >&2 || true
fi
if [[ -x "$atd_bin" && -x "$sim_bin" ]]; then
  # The environment blocks as appsettings overlays: ATD__A__B=v becomes {"A": {"B": "v"}}; ${VAR:-default} takes
  # its default, any other ${VAR...} a placeholder, a value from the pod (valueFrom) the shard index 0.
  python3 - "$work" <<'PY'
import json, re, sys, yaml
work = sys.argv[1]
def overlay(pairs, name):
    tree = {}
    for key, value in pairs:
        if not key.startswith("ATD__"):
            continue
        value = re.sub(r"\$\{[A-Za-z_]+:-([^}]*)\}", r"\1", str(value))
        value = re.sub(r"\$\{[^}]*\}", "placeholder", value)
        node, parts = tree, key[len("ATD__"):].split("__")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    json.dump(tree, open(f"{work}/{name}.json", "w"))
compose = yaml.safe_load(open("deploy/compose/docker-compose.yml"))
for service, spec in compose["services"].items():
    overlay((spec.get("environment") or {}).items(), f"compose-{service}")
for doc in yaml.safe_load_all(open("deploy/k8s/statefulset.yaml")):
    if doc and doc["kind"] == "StatefulSet":
        env = [e for c in doc["spec"]["template"]["spec"]["containers"] for e in c.get("env", [])]
        overlay(((e["name"], e.get("value", "0")) for e in env), "k8s-env")
pairs = [line.split("=", 1) for line in open("deploy/systemd/env.example") if "=" in line and not line.lstrip().startswith("#")]
overlay(((k.strip(), v.strip()) for k, v in pairs), "systemd-env")
PY
  config_ok=1
  check_config() { "$atd_bin" config check "$@" >/dev/null || config_ok=0; }
  check_config --complete appsettings.json
  check_config --complete deploy/k8s/appsettings.json "$work/k8s-env.json"
  check_config appsettings.json appsettings.Development.json
  check_config appsettings.json "$work/systemd-env.json"
  for overlay in "$work"/compose-*.json; do check_config appsettings.json "$overlay"; done
  if ((config_ok)); then pass "appsettings copies and ATD__ environments match the options classes"; else fail "configuration against the options classes"; fi

  if python3 - deploy/compose/docker-compose.yml "$atd_bin" "$sim_bin" <<'PY'
import re, subprocess, sys, yaml
compose_file, atd, sim = sys.argv[1:4]
binaries = {"/app/atd": atd, "/app/atd-sim": sim}
def tree(binary, path):
    text = subprocess.run([binary, *path, "--help"], capture_output=True, text=True, timeout=60).stdout
    options, commands, section = {}, set(), None
    for line in text.splitlines():
        if re.match(r"^\S", line):
            section = line.strip().rstrip(":")
            continue
        match = re.match(r"^\s+(\S.*?)(?:\s{2,}|$)", line)
        if not match:
            continue
        if section == "Options":
            names = [n.strip() for n in match.group(1).split("<")[0].split(",")]
            for name in names:
                options[name] = "<" in match.group(1)
        elif section == "Commands":
            commands.add(match.group(1).split()[0])
    return options, commands
problems = []
for name, service in yaml.safe_load(open(compose_file))["services"].items():
    if "build" not in service:
        continue
    entry = (service.get("entrypoint") or ["/app/atd"])[0]
    tokens = [str(t) for t in (service.get("command") or ["run"])]
    binary, path = binaries.get(entry), []
    if binary is None:
        problems.append(f"{name}: unknown entrypoint {entry}")
        continue
    options, commands = tree(binary, path)
    expects_value = False
    for token in tokens:
        if expects_value:
            expects_value = False
        elif not token.startswith("-") and token in commands:
            path.append(token)
            options, commands = tree(binary, path)
        elif token.startswith("--") and ":" in token and path == ["run"]:
            continue  # a --Section:Key=value override, checked with the configuration
        elif token.split("=")[0] in options:
            expects_value = options[token.split("=")[0]] and "=" not in token
        else:
            problems.append(f"{name}: '{token}' is not an option or command of {entry} {' '.join(path)}".rstrip())
    if commands and entry == "/app/atd" and not path:
        problems.append(f"{name}: no command given to {entry}")
for problem in problems:
    print(problem, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
  then pass "compose command lines are real commands and options"; else fail "compose command lines"; fi
else
  skip "configuration and command lines against the build" "built atd (dotnet)"
fi

# 9. Compose file: services named in depends_on exist, named volumes are declared.
if python3 - deploy/compose/docker-compose.yml <<'PY'
import sys, yaml
compose = yaml.safe_load(open(sys.argv[1]))
services, volumes = compose["services"], set(compose.get("volumes") or {})
problems = []
for name, service in services.items():
    for dependency in service.get("depends_on") or {}:
        if dependency not in services:
            problems.append(f"{name}: depends on unknown service {dependency}")
    for mount in service.get("volumes") or []:
        source = mount.split(":")[0]
        if not source.startswith((".", "/", "$")) and source not in volumes:
            problems.append(f"{name}: volume {source} is not declared")
    if "image" not in service and "build" not in service:
        problems.append(f"{name}: neither image nor build")
for problem in problems:
    print(problem, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
then pass "compose services and volumes"; else fail "compose services and volumes"; fi

# 9b. The compose Prometheus scrapes the worker: promtool accepts its configuration, and every target is a compose
#     service on the worker's metrics port.
if python3 - deploy/compose/docker-compose.yml deploy/compose/prometheus/prometheus.yml <<'PY'
import sys, yaml
services = yaml.safe_load(open(sys.argv[1]))["services"]
targets = [t for job in yaml.safe_load(open(sys.argv[2]))["scrape_configs"] for c in job["static_configs"] for t in c["targets"]]
problems = [t for t in targets if t.split(":")[0] not in services or t.split(":")[1] != "9464"]
for problem in problems:
    print(f"prometheus.yml: target {problem} is not a compose service on port 9464", file=sys.stderr)
sys.exit(1 if problems or not targets else 0)
PY
then pass "compose Prometheus scrapes the worker"; else fail "compose Prometheus targets"; fi
if have promtool; then
  if promtool check config deploy/compose/prometheus/prometheus.yml >/dev/null; then pass "promtool check config"; else fail "promtool check config"; fi
else skip "promtool check config" promtool; fi

# 10. The dashboards' Flux queries compile (syntax, types, builtin signatures, undefined names).
if npm_ready; then
  if node deploy/grafana/check_flux.mjs "$npm_tools/node_modules/@influxdata/flux-lsp-browser"; then
    pass "dashboard queries compile as Flux"
  else fail "dashboard queries compile as Flux"; fi
else skip "Flux compile check" "npm with registry access"; fi

# 11. The dashboards' Flux queries against the measurement schema.
if python3 deploy/grafana/check_queries.py; then pass "dashboard queries match deploy/grafana/schema.json"; else fail "dashboard queries"; fi

echo "$passed passed, $failed failed, $skipped skipped"
((failed == 0))
