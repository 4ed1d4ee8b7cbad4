"""The files in deploy/, made runnable by a test: the nginx site on test ports, the unit's command, the env file.

    proxy = NginxProxy(folder, app_ports=[p1, p2]).start()   # real nginx, own prefix, pid and logs
    proxy.url                                                # https://localhost:PORT
    proxy.routes()                                           # {route cookie value: app port}, from the log
    proxy.stop()

Every substitution must find its text in the shipped file, so a changed deploy file fails loudly here
instead of a test quietly running some other configuration.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import ssl
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from checklist.paths import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"
SITE = DEPLOY / "checklist.nginx.conf"
UNIT = DEPLOY / "checklist@.service"
ENV_EXAMPLE = DEPLOY / "checklist.env.example"
SECRETS_EXAMPLE = DEPLOY / "secrets.toml.example"
PUBLIC_NAME = "checklist.example.org"
NGINX = "/usr/sbin/nginx"
ROUTE_COOKIE = "checklist_route"
SHIPPED_PORTS = ("8501", "8502")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def replaced(text: str, old: str, new: str) -> str:
    assert old in text, f"deploy file no longer contains {old!r}"
    return text.replace(old, new)


def render_site(*, https_port: int, http_port: int, app_ports: list[int], cert: Path, key: Path, logs: Path) -> str:
    """The shipped site on loopback test ports, for the name `localhost`, with our certificate and logs."""
    site = SITE.read_text(encoding="utf-8")
    site = "\n".join(line for line in site.splitlines() if "[::]" not in line) + "\n"
    site = replaced(site, f"/etc/letsencrypt/live/{PUBLIC_NAME}/fullchain.pem", str(cert))
    site = replaced(site, f"/etc/letsencrypt/live/{PUBLIC_NAME}/privkey.pem", str(key))
    site = replaced(site, PUBLIC_NAME, "localhost")
    site = replaced(site, "listen 443", f"listen 127.0.0.1:{https_port}")
    site = replaced(site, "listen 80", f"listen 127.0.0.1:{http_port}")
    site = replaced(site, "access_log /var/log/nginx/checklist.access.log;", f"access_log {logs}/access.log routed;")
    site = replaced(site, "/var/log/nginx/", f"{logs}/")
    site = replaced(site, "root /var/www/html;", f"root {logs};")
    upstreams = re.findall(r"server 127\.0\.0\.1:(\d+) ", site)
    assert tuple(upstreams) == SHIPPED_PORTS, f"the upstream lists {upstreams}, expected {SHIPPED_PORTS}"
    lines = re.findall(r"^ *server 127\.0\.0\.1:\d+ .*\n", site, flags=re.MULTILINE)
    # One `server` line per app process, as the site's comment tells an administrator to write them.
    ours = "".join(lines[0].replace(f":{SHIPPED_PORTS[0]} ", f":{port} ") for port in app_ports)
    return replaced(site, "".join(lines), ours)


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


def main_config(folder: Path, site: Path) -> str:
    """nginx.conf around the site, as Debian's wraps sites-enabled, with every path under `folder`."""
    user = "user root;\n" if os.geteuid() == 0 else ""  # the workers read the test's 0700 folders
    temp = "".join(
        f"    {kind}_temp_path {folder}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        "events { worker_connections 256; }\n"
        "http {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"{temp}"
        f"    log_format routed '$checklist_route $upstream_addr $status $request_uri';\n"
        f"    access_log {folder}/other.log;\n"
        f"    include {site};\n}}\n"
    )


def unverified() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


@dataclass
class NginxProxy:
    """A real nginx in the foreground on the shipped site file, on two free loopback ports."""

    folder: Path
    app_ports: list[int]
    https_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"https://localhost:{self.https_port}"

    @property
    def conf(self) -> Path:
        return self.folder / "nginx.conf"

    def write(self) -> NginxProxy:
        self.folder.mkdir(parents=True, exist_ok=True)
        cert, key = self_signed_certificate(self.folder)
        site = self.folder / "checklist.conf"
        site.write_text(
            render_site(
                https_port=self.https_port, http_port=self.http_port, app_ports=self.app_ports,
                cert=cert, key=key, logs=self.folder,
            ),
            encoding="utf-8",
        )  # fmt: skip
        self.conf.write_text(main_config(self.folder, site), encoding="utf-8")
        return self

    def test_config(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [NGINX, "-t", "-p", str(self.folder), "-c", str(self.conf)], capture_output=True, text=True, timeout=30
        )

    def start(self) -> NginxProxy:
        self.write()
        log = (self.folder / "nginx.out").open("ab")
        command = [NGINX, "-p", str(self.folder), "-c", str(self.conf), "-g", "daemon off;"]
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {(self.folder / 'nginx.out').read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", self.https_port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nginx did not start listening in 20 s")

    def get(self, path: str, *, route: str | None = None) -> tuple[int, dict[str, str], bytes]:
        """One HTTPS request through the proxy: status, headers (lower-case names), body."""
        request = urllib.request.Request(f"{self.url}{path}")  # noqa: S310 - loopback
        if route is not None:
            request.add_header("Cookie", f"{ROUTE_COOKIE}={route}")
        opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=unverified()))
        try:
            with opener.open(request, timeout=30) as reply:
                return reply.status, {k.lower(): v for k, v in reply.headers.items()}, reply.read()
        except urllib.error.HTTPError as exc:
            return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()

    def routes(self, path: str = "") -> list[tuple[str, int]]:
        """(route cookie value, app port that answered) for each logged request whose address starts with `path`."""
        found = []
        for line in (self.folder / "access.log").read_text(encoding="utf-8").splitlines():
            route, *upstreams, _status, uri = line.split(" ")
            last = " ".join(upstreams).split(",")[-1].strip()
            if uri.startswith(path) and last.startswith("127.0.0.1:"):
                found.append((route, int(last.rsplit(":", 1)[1])))
        return found

    def stop(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
            self.process = None


def unit_command(port: int) -> list[str]:
    """The unit's ExecStart for instance `port`, with /opt/checklist as this checkout."""
    line = next(line for line in UNIT.read_text(encoding="utf-8").splitlines() if line.startswith("ExecStart="))
    command = line.removeprefix("ExecStart=").replace("%i", str(port)).replace("/opt/checklist", str(PROJECT_ROOT))
    return shlex.split(command)


def unit_environment() -> dict[str, str]:
    """The unit's own Environment= assignments."""
    assignments: dict[str, str] = {}
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        if line.startswith("Environment="):
            for pair in shlex.split(line.removeprefix("Environment=")):
                name, _, value = pair.partition("=")
                assignments[name] = value
    return assignments


def env_file_as_shell_reads_it(path: Path = ENV_EXAMPLE) -> dict[str, str]:
    """What `set -a; . FILE` gives a shell: the way the README runs checklist doctor with it."""
    script = f"set -a; . {shlex.quote(str(path))}; env -0"
    output = subprocess.run(["bash", "-c", script], env={}, capture_output=True, check=True, timeout=30).stdout
    pairs = (item.split("=", 1) for item in output.decode().split("\0") if "=" in item)
    return {name: value for name, value in pairs if name.startswith(("CHECKLIST_", "STREAMLIT_"))}
