"""The container image, docker-compose.yml and the Kubernetes manifests, checked without a cluster.

No container engine or cluster runs where the tests run, so this module checks what can be
checked here, for real:
- the manifests render with `kubectl kustomize` and every resource validates, strictly, against
  the Kubernetes API schema of `KUBERNETES_VERSION` (kubernetes-validate carries it offline);
- docker-compose.yml is valid for `docker-compose config`, and its nginx passes `nginx -t`;
- ports, probe paths, commands, setting names and proxy limits in the Dockerfile, the compose
  file and the manifests match what the code serves and reads;
- (model) the commands the manifests run start servers that answer their probes, as an
  unprivileged user that cannot write to the project, and Rasa reaches the action server at
  ACTION_SERVER_URL.
"""

from __future__ import annotations

import ast
import copy
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import requests
import yaml

from bot.cli import build_parser
from bot.ops.proxy import BURST, MAX_BODY, ProxyLayout, find_nginx, nginx_config
from bot.ops.serve import DEFAULT_MODEL, HEALTH_PATHS
from bot.settings import Settings
from tests.conftest import ROOT, temporary_database
from tests.test_consistency import SECRET_SHAPES

# The Kubernetes version whose API schema the manifests are validated against: the newest that
# kubernetes-validate 1.28.3 carries (the last release that installs beside Rasa 3.6).
KUBERNETES_VERSION = "1.28.0"
KUBE = ROOT / "deploy" / "kubernetes"
OVERLAYS = {"base": KUBE / "base", "production": KUBE / "overlays" / "production"}
COMPOSE = ROOT / "docker-compose.yml"
COMPOSE_NGINX = ROOT / "deploy" / "compose" / "nginx.conf"
SECRETS_EXAMPLE = KUBE / "base" / "secrets.example.env"
DEFAULTS = Settings(
    database_url="", rasa_api_token="", allowed_origins=(), contact_route="", rasa_port=5005, action_port=5055
)
PORTS = {"rasa": DEFAULTS.rasa_port, "actions": DEFAULTS.action_port, "web": DEFAULTS.web_port}
SECRET_SETTINGS = {
    "DATABASE_URL",
    "REDIS_URL",
    "NEEDS_SALT",
    "ACTION_SERVER_TOKEN",
    "RASA_API_TOKEN",
    "STAFF_TOKEN",
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
}
# Read by the processes but not by bot/settings.py: Rasa, TensorFlow, SQLAlchemy, Python, the shell.
RUNTIME_VARIABLES = {
    "PATH",
    "PYTHONPATH",
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONUNBUFFERED",
    "HOME",
    "BOT_ENV_FILE",
    "TF_CPP_MIN_LOG_LEVEL",
    "RASA_TELEMETRY_ENABLED",
    "SQLALCHEMY_SILENCE_UBER_WARNING",
    "PIP_DISABLE_PIP_VERSION_CHECK",
    "PIP_NO_CACHE_DIR",
}
# Packages only the tests and tools use: never in the image.
# What requirements-dev.in adds for tests and tools: never in the image.
TEST_ONLY = {
    line.split("==")[0]
    for line in (ROOT / "requirements-dev.in").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith(("#", "-"))
}


def setting_names() -> set[str]:
    """Every environment variable bot/settings.py reads."""
    source = (ROOT / "bot" / "settings.py").read_text(encoding="utf-8")
    return set(re.findall(r'_(?:get|int_from_env|float_from_env)\((?:_get, )?"([A-Z_]+)"', source))


def kustomize(path: Path) -> list[dict[str, Any]]:
    """The resources `kubectl kustomize` renders from `path`."""
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.fail("kubectl (with Kustomize 5) is needed to render the manifests: `make unit` tells how to get it.")
    done = subprocess.run([kubectl, "kustomize", str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return [doc for doc in yaml.safe_load_all(done.stdout) if doc]


@pytest.fixture(scope="module", params=sorted(OVERLAYS))
def rendered(request: pytest.FixtureRequest) -> list[dict[str, Any]]:
    return kustomize(OVERLAYS[request.param])


@pytest.fixture(scope="module")
def production() -> list[dict[str, Any]]:
    return kustomize(OVERLAYS["production"])


def find(resources: list[dict[str, Any]], kind: str, name: str | None = None) -> list[dict[str, Any]]:
    return [r for r in resources if r["kind"] == kind and (name is None or r["metadata"]["name"] == name)]


def one(resources: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    found = find(resources, kind, name)
    assert len(found) == 1, (kind, name, len(found))
    return found[0]


def pod_spec(resource: dict[str, Any]) -> dict[str, Any]:
    if resource["kind"] == "CronJob":
        return resource["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return resource["spec"]["template"]["spec"]


def workloads(resources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in resources if r["kind"] in ("Deployment", "Job", "CronJob")]


def all_containers(resources: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for workload in workloads(resources):
        spec = pod_spec(workload)
        for container in spec.get("initContainers", []) + spec["containers"]:
            yield workload, container


def configmap(resources: list[dict[str, Any]]) -> dict[str, str]:
    maps = find(resources, "ConfigMap")
    assert len(maps) == 1
    assert maps[0]["metadata"]["name"].startswith("coprod-settings-")
    return maps[0]["data"]


def env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


# --- Kubernetes: rendering and the API schema --------------------------------------------------


def test_manifests_validate_strictly_against_the_kubernetes_schema(rendered: list[dict[str, Any]]) -> None:
    from kubernetes_validate.utils import validate

    for resource in rendered:
        # Raises on any error, an unknown field (strict) or a kind/apiVersion with no schema.
        assert validate(resource, KUBERNETES_VERSION, strict=True) == "1.28"
    kinds = sorted(r["kind"] for r in rendered)
    for kind, count in {
        "Deployment": 3,
        "HorizontalPodAutoscaler": 2,
        "PodDisruptionBudget": 3,
        "Ingress": 2,
        "Job": 1,
        "CronJob": 2,
        "ConfigMap": 1,
    }.items():
        assert kinds.count(kind) == count, kind
    assert find(rendered, "NetworkPolicy")
    assert find(rendered, "Service")
    assert not find(rendered, "Secret")  # created apart, never from the repository


def test_schema_validation_catches_a_misspelt_field(production: list[dict[str, Any]]) -> None:
    from kubernetes_validate.utils import ValidationError, validate

    broken = copy.deepcopy(one(production, "Deployment", "rasa"))
    broken["spec"]["template"]["spec"]["containers"][0]["readinessProbes"] = {"httpGet": {"path": "/"}}
    with pytest.raises(ValidationError):
        validate(broken, KUBERNETES_VERSION, strict=True)
    wrong_type = copy.deepcopy(one(production, "HorizontalPodAutoscaler", "rasa"))
    wrong_type["spec"]["maxReplicas"] = "eight"
    with pytest.raises(ValidationError):
        validate(wrong_type, KUBERNETES_VERSION, strict=True)


def test_production_overlay_names_its_own_namespace_image_host_and_services(production: list[dict[str, Any]]) -> None:
    base = kustomize(OVERLAYS["base"])
    assert {r["metadata"].get("namespace") for r in production if r["kind"] != "Namespace"} == {"coprod-bot"}
    images = {c["image"] for _, c in all_containers(production)}
    assert len(images) == 1
    assert images != {c["image"] for _, c in all_containers(base)}
    for name in ("postgres", "redis"):
        assert (
            one(production, "Service", name)["spec"]["externalName"]
            != one(base, "Service", name)["spec"]["externalName"]
        )
    for ingress in find(production, "Ingress"):
        host = ingress["spec"]["rules"][0]["host"]
        assert ingress["spec"]["tls"][0]["hosts"] == [host]
        assert configmap(production)["WIDGET_SERVER_URL"] == f"https://{host}"


# --- Kubernetes: what the code serves and reads -------------------------------------------------


def test_every_container_runs_a_command_of_the_cli(rendered: list[dict[str, Any]]) -> None:
    parser = build_parser()
    for _, container in all_containers(rendered):
        assert "command" not in container  # the image's entrypoint is `python -m bot`
        parser.parse_args(container["args"])  # exits (fails the test) on an unknown command
    commands = {d["metadata"]["name"]: pod_spec(d)["containers"][0]["args"] for d in find(rendered, "Deployment")}
    assert commands == {"rasa": ["rasa"], "actions": ["actions"], "web": ["web"]}


def test_ports_services_and_probes_match_the_code(rendered: list[dict[str, Any]]) -> None:
    settings = configmap(rendered)
    assert int(settings["RASA_PORT"]) == PORTS["rasa"]
    assert int(settings["ACTION_PORT"]) == PORTS["actions"]
    assert int(settings["WEB_PORT"]) == PORTS["web"]
    for kind, port in PORTS.items():
        deployment = one(rendered, "Deployment", kind)
        container = pod_spec(deployment)["containers"][0]
        assert container["ports"] == [{"name": "http", "containerPort": port}]
        probes = [container[p] for p in ("startupProbe", "readinessProbe", "livenessProbe") if p in container]
        assert {"readinessProbe", "livenessProbe"} <= set(container)
        for probe in probes:
            assert probe["httpGet"] == {"path": HEALTH_PATHS[kind], "port": "http"}
        service = one(rendered, "Service", kind)
        assert service["spec"]["ports"] == [{"name": "http", "port": port, "targetPort": "http"}]
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert service["spec"]["selector"].items() <= labels.items()
        assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    socketio = one(rendered, "Service", "rasa-socketio")
    assert socketio["spec"]["selector"] == one(rendered, "Service", "rasa")["spec"]["selector"]


def test_the_rasa_pods_find_the_action_server_service(rendered: list[dict[str, Any]]) -> None:
    url = urlparse(configmap(rendered)["ACTION_SERVER_URL"])
    service = one(rendered, "Service", url.hostname)
    assert service["metadata"]["labels"]["app.kubernetes.io/component"] == "actions"
    assert url.port == service["spec"]["ports"][0]["port"] == PORTS["actions"]
    assert url.path == "/webhook"  # rasa-sdk's webhook


def test_settings_and_secrets_use_the_names_the_code_reads(rendered: list[dict[str, Any]]) -> None:
    names = setting_names()
    settings = configmap(rendered)
    assert set(settings) <= names - SECRET_SETTINGS
    example = env_file(SECRETS_EXAMPLE)
    assert set(example) == SECRET_SETTINGS
    assert SECRET_SETTINGS <= names
    required: dict[str, set[str]] = {}
    for workload, container in all_containers(rendered):
        assert container["envFrom"] == [{"configMapRef": {"name": find(rendered, "ConfigMap")[0]["metadata"]["name"]}}]
        for variable in container.get("env", []):
            ref = variable["valueFrom"]["secretKeyRef"]
            assert ref["name"] == "coprod-secrets"
            assert ref["key"] == variable["name"] in example
            if not ref.get("optional"):
                required.setdefault(workload["metadata"]["name"], set()).add(ref["key"])
    # Without these a process would run wrongly rather than stop: different salts on two
    # replicas would split conversations, and a missing URL would fall back to a local SQLite file.
    # Without the token the action server would take calls from anyone who reaches it.
    assert required["rasa"] == {"DATABASE_URL", "REDIS_URL", "NEEDS_SALT", "ACTION_SERVER_TOKEN"}
    assert required["actions"] == {"DATABASE_URL", "NEEDS_SALT", "ACTION_SERVER_TOKEN"}
    assert all("DATABASE_URL" in keys for keys in required.values())


def test_secret_example_holds_placeholders_only() -> None:
    text = SECRETS_EXAMPLE.read_text(encoding="utf-8")
    assert not SECRET_SHAPES.search(text)
    for key, value in env_file(SECRETS_EXAMPLE).items():
        assert value == "" or "PASSWORD" in value or value == "change-me", key
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "secrets.env" in ignored  # the filled-in copy the instructions name


def test_databases_are_external_services_named_in_one_place(rendered: list[dict[str, Any]]) -> None:
    example = env_file(SECRETS_EXAMPLE)
    for setting, name, port in (("DATABASE_URL", "postgres", 5432), ("REDIS_URL", "redis", 6379)):
        assert one(rendered, "Service", name)["spec"]["type"] == "ExternalName"
        url = urlparse(example[setting])
        assert (url.hostname, url.port) == (name, port)
    # Nothing else names a database host.
    text = "\n".join(yaml.safe_dump(r) for r in rendered if r["kind"] != "Service")
    assert "5432" not in text
    assert "6379" not in text


def test_ingress_applies_the_limits_and_routes_of_run_prod(rendered: list[dict[str, Any]]) -> None:
    nginx = nginx_config(ProxyLayout(listen_port=8080, rasa_ports=(1, 2), web_port=3, run_dir=Path("/x")))
    locations = re.findall(r"location (\S+) \{\s*([^}]*)\}", nginx)
    routes = {}
    for ingress in find(rendered, "Ingress"):
        notes = ingress["metadata"]["annotations"]
        assert ingress["spec"]["ingressClassName"] == "nginx"
        assert notes["nginx.ingress.kubernetes.io/proxy-body-size"] == MAX_BODY
        rate = int(notes["nginx.ingress.kubernetes.io/limit-rps"])
        assert rate == DEFAULTS.proxy_rate_per_second
        assert rate * int(notes["nginx.ingress.kubernetes.io/limit-burst-multiplier"]) == BURST
        assert notes["nginx.ingress.kubernetes.io/proxy-next-upstream"] in nginx
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                assert path["pathType"] == "Prefix"
                routes[path["path"]] = (path["backend"]["service"]["name"], notes)
    assert sorted(routes) == sorted(path for path, _ in locations)
    assert {path: service for path, (service, _) in routes.items()} == {
        "/webhooks/": "rasa",
        "/socket.io/": "rasa-socketio",
        "/": "web",
    }
    # socket.io sticks to one replica by client address, as nginx's ip_hash does; webhooks do not.
    assert "ip_hash" in nginx.split("upstream rasa_sticky")[1].split("}")[0]
    sticky = "nginx.ingress.kubernetes.io/upstream-hash-by"
    assert routes["/socket.io/"][1][sticky] == "$binary_remote_addr"
    assert sticky not in routes["/webhooks/"][1]
    assert "nginx.ingress.kubernetes.io/affinity" not in routes["/"][1]
    for path, body in locations:
        timeout = re.search(r"proxy_read_timeout (\d+)s", body)
        if timeout:
            assert routes[path][1]["nginx.ingress.kubernetes.io/proxy-read-timeout"] == timeout.group(1)


def test_network_policies_let_only_rasa_reach_the_action_server(rendered: list[dict[str, Any]]) -> None:
    policies = find(rendered, "NetworkPolicy")
    deny = [p for p in policies if p["spec"]["podSelector"] == {}]
    assert len(deny) == 1
    assert deny[0]["spec"]["policyTypes"] == ["Ingress"]
    assert "ingress" not in deny[0]["spec"]

    def allowed(component: str) -> list[dict[str, Any]]:
        rules = []
        for policy in policies:
            if policy["spec"]["podSelector"].get("matchLabels", {}).get("app.kubernetes.io/component") == component:
                rules += policy["spec"]["ingress"]
        return rules

    rasa_pods = one(rendered, "Deployment", "rasa")["spec"]["template"]["metadata"]["labels"]
    (actions_rule,) = allowed("actions")
    assert actions_rule["ports"] == [{"port": PORTS["actions"], "protocol": "TCP"}]
    (source,) = actions_rule["from"]
    assert set(source) == {"podSelector"}
    assert source["podSelector"]["matchLabels"].items() <= rasa_pods.items()
    assert source["podSelector"]["matchLabels"]["app.kubernetes.io/component"] == "rasa"
    for component in ("rasa", "web"):
        (rule,) = allowed(component)
        assert rule["ports"] == [{"port": PORTS[component], "protocol": "TCP"}]
        assert rule["from"] == [
            {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}}
        ]


def test_autoscalers_and_disruption_budgets_fit_their_deployments(rendered: list[dict[str, Any]]) -> None:
    for hpa in find(rendered, "HorizontalPodAutoscaler"):
        target = one(rendered, "Deployment", hpa["spec"]["scaleTargetRef"]["name"])
        assert "replicas" not in target["spec"]  # the autoscaler owns the count; an apply must not reset it
        assert hpa["spec"]["minReplicas"] >= 2
        assert hpa["spec"]["maxReplicas"] >= hpa["spec"]["minReplicas"]
        (metric,) = hpa["spec"]["metrics"]
        assert metric["resource"]["name"] == "cpu"
    assert {h["spec"]["scaleTargetRef"]["name"] for h in find(rendered, "HorizontalPodAutoscaler")} == {
        "rasa",
        "actions",
    }
    for deployment in find(rendered, "Deployment"):
        (pdb,) = (
            p
            for p in find(rendered, "PodDisruptionBudget")
            if p["spec"]["selector"]["matchLabels"].items()
            <= deployment["spec"]["template"]["metadata"]["labels"].items()
        )
        assert pdb["spec"]["minAvailable"] == 1


def test_pods_run_unprivileged_with_a_read_only_filesystem(rendered: list[dict[str, Any]]) -> None:
    uid = int(re.search(r"^USER (\d+):\d+$", (ROOT / "Dockerfile").read_text(encoding="utf-8"), re.MULTILINE)[1])
    for workload in workloads(rendered):
        spec = pod_spec(workload)
        assert spec["securityContext"]["runAsNonRoot"] is True
        assert spec["securityContext"]["runAsUser"] == uid
        assert spec["automountServiceAccountToken"] is False
        mounts = {v["name"] for v in spec["volumes"]}
        for container in spec.get("initContainers", []) + spec["containers"]:
            context = container["securityContext"]
            assert context["readOnlyRootFilesystem"] is True
            assert context["allowPrivilegeEscalation"] is False
            assert context["capabilities"] == {"drop": ["ALL"]}
            paths = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
            assert paths["/tmp"] in mounts  # HOME, the unpacked model, the endpoints file
    spool = Path(re.search(r"NEEDS_SPOOL=(\S+)", (ROOT / "Dockerfile").read_text(encoding="utf-8"))[1]).parent
    actions = pod_spec(one(rendered, "Deployment", "actions"))["containers"][0]
    assert str(spool) in {m["mountPath"] for m in actions["volumeMounts"]}


def test_jobs_migrate_load_the_catalogue_check_links_and_purge(rendered: list[dict[str, Any]]) -> None:
    job = pod_spec(one(rendered, "Job", "migrate"))
    steps = [c["args"] for c in job["initContainers"] + job["containers"]]
    assert steps == [["db", "create"], ["db", "upgrade"], ["catalogue", "load"]]
    assert job["restartPolicy"] == "Never"
    links = one(rendered, "CronJob", "link-check")
    assert pod_spec(links)["containers"][0]["args"] == ["catalogue", "check-links"]
    minute, hour, day, month, weekday = links["spec"]["schedule"].split()
    assert (day, month) == ("*", "*")
    assert weekday.isdigit()
    purge = one(rendered, "CronJob", "needs-purge")
    assert pod_spec(purge)["containers"][0]["args"] == ["needs", "purge"]
    for cron in (links, purge):
        assert cron["spec"]["concurrencyPolicy"] == "Forbid"


def test_resources_are_the_sizing_in_the_deploying_guide(rendered: list[dict[str, Any]]) -> None:
    doc = (ROOT / "docs" / "deploying.md").read_text(encoding="utf-8")
    table = {}
    for row in re.findall(r"^\| `(rasa|actions|web|jobs)` \|(.*)\|$", doc, re.MULTILINE):
        cells = [c.strip().strip("`") for c in row[1].split("|")]
        table[row[0]] = cells[:4]
    assert set(table) == {"rasa", "actions", "web", "jobs"}
    for workload, container in all_containers(rendered):
        name = workload["metadata"]["name"] if workload["kind"] == "Deployment" else "jobs"
        res = container["resources"]
        found = [res["requests"]["cpu"], res["limits"]["cpu"], res["requests"]["memory"], res["limits"]["memory"]]
        assert found == table[name], name


def test_a_lone_rasa_server_sends_its_actions_to_action_server_url(tmp_path: Path) -> None:
    from dataclasses import replace

    from bot.ops.serve import server_command

    settings = replace(
        DEFAULTS,
        allowed_origins=("https://a.example", "https://b.example"),
        action_server_url="http://actions:5055/webhook",
    )
    command = server_command("rasa", settings, run_dir=tmp_path)
    assert command[1:5] == ["-m", "bot.rasa_ext.launch", "rasa", "--model"]
    assert command[command.index("--port") + 1] == str(DEFAULTS.rasa_port)
    assert command[command.index("--cors") + 1 :] == ["https://a.example", "https://b.example"]
    assert "--enable-api" not in command  # no RASA_API_TOKEN: the HTTP API stays off
    endpoints = yaml.safe_load(Path(command[command.index("--endpoints") + 1]).read_text(encoding="utf-8"))
    assert endpoints["action_endpoint"]["url"] == "http://actions:5055/webhook"
    source = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    assert endpoints["tracker_store"] == source["tracker_store"]
    assert endpoints["lock_store"] == source["lock_store"]
    # Without ACTION_SERVER_URL: the action server on this host, as `bot serve` runs it.
    local = server_command("rasa", replace(settings, action_server_url="", rasa_api_token="t0ken"), 6000, tmp_path)
    assert local[local.index("--port") + 1] == "6000"
    assert "t0ken" not in local  # read from the environment by the launcher, never on a command line
    endpoints = yaml.safe_load(Path(local[local.index("--endpoints") + 1]).read_text(encoding="utf-8"))
    assert endpoints["action_endpoint"]["url"] == f"http://localhost:{DEFAULTS.action_port}/webhook"


def test_a_lone_action_server_listens_on_action_port() -> None:
    from bot.ops.serve import server_command

    command = server_command("actions", DEFAULTS, 7000)
    assert command[1:] == ["-m", "bot.rasa_ext.launch", "actions", "--port", "7000"]
    assert server_command("actions", DEFAULTS)[-1] == str(DEFAULTS.action_port)
    with pytest.raises(ValueError, match="no server"):
        server_command("nginx", DEFAULTS)


# --- The image -----------------------------------------------------------------------------------


def dockerfile_stages() -> list[str]:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    return re.split(r"^FROM ", text, flags=re.MULTILINE)[1:]


def test_dockerfile_builds_in_stages_and_runs_slim_and_unprivileged() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    python_image = re.search(r"^ARG PYTHON_IMAGE=(\S+)$", text, re.MULTILINE)[1]
    assert re.fullmatch(r"python:3\.10\.\d+-slim-\w+", python_image)
    stages = dockerfile_stages()
    assert len(stages) == 3
    build, final = stages[1], stages[2]
    assert build.startswith("${PYTHON_IMAGE} AS build")
    assert final.startswith("${PYTHON_IMAGE}\n")
    # The build stage makes the spaCy pipeline and the model the code loads.
    assert "python -m bot nlp build" in build
    model = DEFAULT_MODEL.relative_to(ROOT)
    assert f"rasa train --fixed-model-name {model.stem.split('.')[0]} --out {model.parent}" in build
    # The final stage installs nothing and compiles nothing: it only copies.
    assert not re.search(r"apt-get|pip install|gcc|build-essential|npm", final)
    assert re.search(r"^USER (\d+):(\d+)$", final, re.MULTILINE)[1] != "0"
    assert re.search(r'^ENTRYPOINT \["python", "-m", "bot"\]$', final, re.MULTILINE)
    exposed = {int(p) for p in re.search(r"^EXPOSE (.+)$", final, re.MULTILINE)[1].split()}
    assert exposed == set(PORTS.values())
    for name in re.findall(r"^\s+([A-Z_]+)=", final, re.MULTILINE):
        assert name in setting_names() | RUNTIME_VARIABLES, name


def runtime_requirements() -> list[str]:
    """The runtime packages: requirements.in, which the Dockerfile installs."""
    assert "pip install -r requirements.in -c requirements.txt" in (ROOT / "Dockerfile").read_text(encoding="utf-8")
    text = (ROOT / "requirements.in").read_text(encoding="utf-8")
    return [line.split("==")[0] for line in text.splitlines() if line and not line.startswith(("#", "-"))]


def _closure(names: list[str]) -> set[str]:
    """The distributions `names` need, installed here, by normalised name."""
    norm = lambda name: re.sub(r"[-_.]+", "-", name).lower()  # noqa: E731
    seen: set[str] = set()
    stack = [norm(n) for n in names]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        for requirement in requires:
            if "extra ==" in requirement:
                continue
            marker = requirement.split(";", 1)[1] if ";" in requirement else ""
            if 'python_version < "3' in marker or 'sys_platform == "win32"' in marker:
                continue
            stack.append(norm(re.match(r"[A-Za-z0-9_.\-]+", requirement)[0]))
    return seen


def _distribution(name: str) -> list[importlib.metadata.Distribution]:
    # Some wheels (rasa, rasa-sdk, Jinja2 here) declare no top-level modules.
    try:
        return [importlib.metadata.distribution(name)]
    except importlib.metadata.PackageNotFoundError:
        return []


def test_the_image_installs_what_the_code_imports_and_no_test_tools() -> None:
    runtime = runtime_requirements()
    assert not TEST_ONLY & set(runtime)
    closure = _closure(runtime)
    modules = set()
    for folder in ("bot", "actions", "migrations"):
        for path in (ROOT / folder).rglob("*.py"):
            # The real import statements (a docstring line starting "from other..." is not one).
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    modules |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    modules.add(node.module.split(".")[0])
    providers = importlib.metadata.packages_distributions()
    missing = {}
    for module in modules - set(sys.stdlib_module_names) - {"bot", "actions", "__future__"}:
        names = providers.get(module) or [
            dist.metadata["Name"] for variant in {module, module.replace("_", "-")} for dist in _distribution(variant)
        ]
        dists = {re.sub(r"[-_.]+", "-", d).lower() for d in names}
        assert dists, module
        if not dists & closure:
            missing[module] = dists
    assert missing == {}
    assert not {re.sub(r"[-_.]+", "-", t) for t in TEST_ONLY} & closure


def test_dockerignore_sends_only_what_the_build_needs() -> None:
    patterns = [
        line for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines() if line and line[0] != "#"
    ]
    assert patterns[0] == "*"
    allowed = {p[1:].rstrip("/") for p in patterns if p.startswith("!")}
    # Everything the image's code reads at run time, and what the build stages copy by name.
    needed = {"bot", "actions", "data", "migrations", "config.yml", "domain.yml", "credentials.yml", "endpoints.yml"}
    needed |= {"requirements.in", "requirements.txt", "package.json", "package-lock.json"}
    assert needed <= allowed
    for private in (".env", ".git", ".venv", "var", "models", "node_modules", "tests", "deploy"):
        assert private not in allowed


# --- docker-compose.yml ------------------------------------------------------------------------


def compose_config(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.fail("docker-compose (Debian's package) is needed to check docker-compose.yml: `make unit` installs it.")
    with tempfile.TemporaryDirectory() as tmp:
        env_path = Path(tmp) / "compose.env"
        env_path.write_text("".join(f"{k}={v}\n" for k, v in env.items()), encoding="utf-8")
        return subprocess.run(
            [binary, "--env-file", str(env_path), "--project-directory", str(ROOT), "-f", str(COMPOSE), "config"],
            capture_output=True,
            text=True,
            check=False,
            env={"PATH": os.environ.get("PATH", "")},
        )


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    done = compose_config({"POSTGRES_PASSWORD": "pw", "NEEDS_SALT": "salt", "ACTION_SERVER_TOKEN": "t"})
    assert done.returncode == 0, done.stderr
    return yaml.safe_load(done.stdout)


@pytest.mark.parametrize("missing", ["POSTGRES_PASSWORD", "NEEDS_SALT", "ACTION_SERVER_TOKEN"])
def test_compose_refuses_to_start_without_its_secrets(missing: str) -> None:
    env = {"POSTGRES_PASSWORD": "pw", "NEEDS_SALT": "salt", "ACTION_SERVER_TOKEN": "t"}
    del env[missing]
    done = compose_config(env)
    assert done.returncode != 0
    assert missing in done.stderr


def test_compose_runs_the_layout_with_the_code_s_commands_ports_and_health(compose: dict[str, Any]) -> None:
    services = compose["services"]
    app = {name: s for name, s in services.items() if s.get("image", "").startswith("coprod-bot")}
    assert set(app) == {"migrate", "rasa-1", "rasa-2", "actions-1", "actions-2", "web"}
    names = setting_names()
    for name, service in app.items():
        assert set(service["environment"]) <= names, name
        assert service["read_only"] is True
        assert "/tmp" in service["tmpfs"]
        env = service["environment"]
        assert urlparse(env["DATABASE_URL"]).hostname == "postgres"
        assert urlparse(env["REDIS_URL"]).hostname == "redis"
        if name == "migrate":
            continue
        kind = name.split("-")[0]
        build_parser().parse_args(service["command"])
        assert service["command"] == [kind]
        probe = re.search(r"urlopen\('http://localhost:(\d+)(/[^']*)'", " ".join(service["healthcheck"]["test"]))
        assert (int(probe[1]), probe[2]) == (PORTS[kind], HEALTH_PATHS[kind]), name
    for index in ("1", "2"):
        url = urlparse(app[f"rasa-{index}"]["environment"]["ACTION_SERVER_URL"])
        assert (url.hostname, url.port, url.path) == (f"actions-{index}", PORTS["actions"], "/webhook")
    steps = app["migrate"]["command"][0].split(" && ")
    assert steps == ["python -m bot db create", "python -m bot db upgrade", "python -m bot catalogue load"]
    assert set(services) - set(app) == {"postgres", "redis", "nginx"}
    for name in ("rasa-1", "rasa-2", "web"):
        assert services["nginx"]["depends_on"][name]["condition"] == "service_healthy"


def test_compose_nginx_matches_the_nginx_of_run_prod(compose: dict[str, Any]) -> None:
    ours = COMPOSE_NGINX.read_text(encoding="utf-8")
    reference = nginx_config(ProxyLayout(listen_port=8080, rasa_ports=(5005, 5006), web_port=8000, run_dir=Path("/x")))

    def rules(text: str) -> dict[str, Any]:
        return {
            "body": re.findall(r"client_max_body_size (\S+);", text),
            "rate": re.findall(r"rate=(\S+);", text),
            "burst": re.findall(r"burst=(\d+)", text),
            "status": re.findall(r"limit_req_status (\d+);", text),
            "next": re.findall(r"proxy_next_upstream ([^;]+);", text),
            "locations": re.findall(r"location (\S+) \{\s*[^}]*proxy_pass http://(\w+);", text),
            "timeouts": re.findall(r"proxy_read_timeout (\S+);", text),
            "sticky": re.findall(r"upstream (\w+) \{\s*ip_hash;", text),
        }

    assert rules(ours) == rules(reference)
    assert rules(ours)["rate"] == [f"{DEFAULTS.proxy_rate_per_second}r/s"]
    upstreams = set(re.findall(r"server ([\w-]+):(\d+)", ours))
    assert upstreams == {("rasa-1", "5005"), ("rasa-2", "5005"), ("web", "8000")}
    assert {host for host, _ in upstreams} <= set(compose["services"])
    (mount,) = compose["services"]["nginx"]["volumes"]
    assert mount == f"{COMPOSE_NGINX}:/etc/nginx/nginx.conf:ro"


def test_compose_nginx_config_is_accepted_by_nginx(tmp_path: Path) -> None:
    nginx = find_nginx()
    if nginx is None:
        pytest.fail("nginx is needed: `make unit` installs it (Debian: apt-get install nginx-light).")
    # The compose host names resolve only inside compose: check the same file with loopback hosts.
    text = re.sub(r"server (rasa-\d|web):", "server 127.0.0.1:", COMPOSE_NGINX.read_text(encoding="utf-8"))
    text = text.replace("/tmp/", f"{tmp_path}/")
    config = tmp_path / "nginx.conf"
    config.write_text(text, encoding="utf-8")
    done = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(config)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# --- The containers' commands, run here ----------------------------------------------------------


def read_only_project() -> list[str]:
    """A command prefix that runs a child with the project folder (and its venv) mounted read-only,
    as the image's /app and /opt/venv are in the pods; [] where this machine cannot (not root, or
    no mount namespaces), and the child then runs as it is."""
    unshare = shutil.which("unshare")
    if os.geteuid() != 0 or unshare is None:
        return []
    prefix = [unshare, "--mount", "--propagation", "private", "sh", "-c", 'mount --bind -o ro "$0" "$0" && exec "$@"']
    probe = subprocess.run(
        [*prefix, str(ROOT), "touch", str(ROOT / ".read-only-probe")], capture_output=True, check=False
    )
    if probe.returncode == 0:  # writable after all: no protection, do not pretend
        (ROOT / ".read-only-probe").unlink()
        return []
    return [*prefix, str(ROOT)] if b"Read-only file system" in probe.stderr else []


@pytest.mark.model
@pytest.mark.postgres
def test_the_manifests_commands_start_servers_that_answer_their_probes(production: list[dict[str, Any]]) -> None:
    from benchmarks.servers import free_port, wait_for

    ports = {kind: free_port() for kind in PORTS}
    settings = dict(configmap(production))
    settings.update(
        RASA_PORT=str(ports["rasa"]),
        ACTION_PORT=str(ports["actions"]),
        WEB_PORT=str(ports["web"]),
        ACTION_SERVER_URL=f"http://127.0.0.1:{ports['actions']}/webhook",
        ALLOWED_ORIGINS="http://localhost",
    )
    prefix = read_only_project()
    with temporary_database("deploy") as database, tempfile.TemporaryDirectory(prefix="deploy-") as tmp:
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": tmp,
            "TMPDIR": tmp,
            "BOT_ENV_FILE": "",
            "PYTHONDONTWRITEBYTECODE": "1",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "RASA_TELEMETRY_ENABLED": "false",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "NEEDS_SPOOL": f"{tmp}/spool/needs-spool.jsonl",
            "DATABASE_URL": database,
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "NEEDS_SALT": "deploy-test-salt",
            "ACTION_SERVER_TOKEN": "deploy-test-token",
            **settings,
        }
        # The migration Job's steps, in order, then the three Deployments' servers.
        job = pod_spec(one(production, "Job", "migrate"))
        for container in job["initContainers"] + job["containers"]:
            done = subprocess.run(
                [*prefix, sys.executable, "-m", "bot", *container["args"]], cwd=ROOT, env=env, capture_output=True
            )
            assert done.returncode == 0, (container["args"], done.stdout, done.stderr)
        processes = {}
        try:
            for kind in ("actions", "rasa", "web"):
                deployment = one(production, "Deployment", kind)
                args = pod_spec(deployment)["containers"][0]["args"]
                with (Path(tmp) / f"{kind}.log").open("wb") as log:  # the child keeps its own copy
                    processes[kind] = subprocess.Popen(
                        [*prefix, sys.executable, "-m", "bot", *args],
                        cwd=ROOT,
                        env=env,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    )
            for kind, process in processes.items():
                try:
                    wait_for(f"http://127.0.0.1:{ports[kind]}{HEALTH_PATHS[kind]}", process, timeout=240)
                except RuntimeError:
                    pytest.fail(f"{kind}: " + (Path(tmp) / f"{kind}.log").read_text(errors="replace")[-3000:])
            # A search runs a custom action: Rasa found the action server at ACTION_SERVER_URL.
            reply = requests.post(
                f"http://127.0.0.1:{ports['rasa']}/webhooks/rest/webhook",
                json={"sender": "deploy-test", "message": "have you got any co-production guides"},
                timeout=60,
            ).json()
            text = " ".join(m.get("text", "") for m in reply)
            assert "https://" in text, reply
            assert "something went wrong" not in text.lower(), reply
            for kind in processes:  # nothing tried to write where the image is read-only
                assert "Read-only file system" not in (Path(tmp) / f"{kind}.log").read_text(errors="replace"), kind
        finally:
            for process in processes.values():
                process.terminate()
            for process in processes.values():
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
