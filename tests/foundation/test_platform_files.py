"""The deployment files stay valid and every variable the code reads is documented.

Docker does not run on our machines, so docker-compose.yml is checked here: it parses,
has the services and healthchecks the platform needs, and uses only documented variables.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]

# Reads of the environment in our code: typed("X"...), env("X"...), env.int("X"...),
# http_url("X"...), os.environ.get("X"...), os.environ["X"]...
READ = re.compile(
    r"""(?:\btyped|\benv(?:\.[a-z_]+)?|\bhttp_url|\bthrottle_rate|\burl_config|\bdatabase_from_url|\bstrict_bool"""
    r"""|os\.environ\.get|os\.environ\.setdefault|os\.getenv)\(\s*["']([A-Z][A-Z0-9_]+)["']"""
    r"""|os\.environ\[["']([A-Z][A-Z0-9_]+)["']\]"""
)
SOURCE_DIRS = ["config", "members", "cms", "qa", "api", "platform"]


def variables_read_by_code() -> set[str]:
    found: set[str] = set()
    files = [ROOT / "manage.py"]
    for folder in SOURCE_DIRS:
        files += [path for path in (ROOT / folder).rglob("*.py") if "migrations" not in path.parts]
    for path in files:
        for match in READ.finditer(path.read_text()):
            found.add(match.group(1) or match.group(2))
    return found


def readme_table_variables() -> set[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names: set[str] = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            names.update(re.findall(r"`([A-Z][A-Z0-9_]+)`", first_cell))
    return names


def env_template_variables() -> set[str]:
    text = (ROOT / "platform" / "env.template").read_text()
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, re.MULTILINE))


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_the_scan_finds_variables():
    found = variables_read_by_code()
    assert {"DATABASE_URL", "SECRET_KEY", "S3_BUCKET", "GUNICORN_WORKERS", "MFA_REQUIRED_FOR_ADMIN"} <= found


def test_every_variable_the_code_reads_is_in_the_readme_table():
    missing = variables_read_by_code() - readme_table_variables()
    assert not missing, f"add rows to the README's configuration table for: {sorted(missing)}"


def test_every_variable_the_code_reads_is_in_the_env_template():
    missing = variables_read_by_code() - env_template_variables()
    assert not missing, f"add to platform/env.template: {sorted(missing)}"


def test_compose_parses_and_has_the_platform():
    services = compose()["services"]
    assert {"app", "worker", "scheduler", "db", "minio", "minio-init", "migrate"} <= set(services)
    assert services["db"]["image"] == "postgres:16"
    assert services["app"]["build"]["dockerfile"] == "platform/Dockerfile"
    assert "gunicorn" in services["app"]["command"]
    assert services["worker"]["command"] == ["python", "manage.py", "db_worker"]
    # The periodic commands (offer expiry among them) run somewhere: the scheduler's loop.
    assert services["scheduler"]["command"][:3] == ["python", "manage.py", "run_periodic"]
    assert "mc mb" in " ".join(services["minio-init"]["entrypoint"])
    for name in ("app", "worker", "db", "minio"):
        assert "healthcheck" in services[name], name
    assert "/readyz" in " ".join(services["app"]["healthcheck"]["test"])


def test_compose_variables_are_documented():
    text = (ROOT / "docker-compose.yml").read_text()
    interpolated = set(re.findall(r"\$\{([A-Z][A-Z0-9_]+)", text))
    app_environment = set(compose()["services"]["app"]["environment"])
    documented = readme_table_variables()
    assert not (interpolated - documented), sorted(interpolated - documented)
    assert not (app_environment - documented), sorted(app_environment - documented)
    assert app_environment <= env_template_variables() | {"DJANGO_SETTINGS_MODULE"}


def test_platform_folder_is_not_a_package():
    # `platform` is a standard-library module; a package of that name would shadow it.
    assert (ROOT / "platform" / "Dockerfile").is_file()
    assert not (ROOT / "platform" / "__init__.py").exists()


def test_dockerfile_shape():
    dockerfile = (ROOT / "platform" / "Dockerfile").read_text()
    assert dockerfile.startswith("# ") and "FROM python:3.11-slim" in dockerfile
    assert "requirements/base.txt" in dockerfile
    assert "collectstatic" in dockerfile
    assert "platform/gunicorn.conf.py" in dockerfile


def test_gunicorn_config_reads_its_variables(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "5")
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:9999")
    namespace: dict = {}
    exec(compile((ROOT / "platform" / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), namespace)
    assert namespace["workers"] == 5
    assert namespace["bind"] == "127.0.0.1:9999"
    assert namespace["accesslog"] == "-"
