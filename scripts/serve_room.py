"""Serve the app on this machine's network address for a workshop in one room (make serve-room).

The default (`make run`) listens on 127.0.0.1, which no phone can reach. This mode binds the
machine's own network address instead, for as long as the workshop runs, and tells the app that
address (CHECKLIST_PUBLIC_URL), so the join link and QR code on the facilitator's screen are ones
phones in the room can open. Everyone on that network can reach the app while it runs: the
terminal says so.

    make serve-room                       # the network address found, port 8501
    make serve-room ROOM_ADDRESS=192.168.1.20 PORT=8502
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import socket
import sys
from pathlib import Path

import segno

ROOT = Path(__file__).resolve().parents[1]
STREAMLIT = ROOT / ".venv" / "bin" / "streamlit"
# Never contacted: connecting a UDP socket sends nothing, it only makes the system choose the
# interface (and so the address) it would use to reach the network.
PROBE = ("192.0.2.1", 9)
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


def network_address() -> str:
    """This machine's address on the network it is connected to (127.0.0.1 when there is none)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(PROBE)
            found: str = probe.getsockname()[0]
            return found
        except OSError:
            pass
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return "127.0.0.1"


def room_url(address: str, port: int) -> str:
    host = f"[{address}]" if ":" in address else address
    return f"http://{host}:{port}"


def allowed_hosts(address: str) -> list[str]:
    """The one place that lets the room's address through the Host-header allow-list (server.allowedHosts).

    The loopback names of the default list stay; the room's address is added for this mode only.
    """
    return [*LOOPBACK_HOSTS, address]


def room_environment(address: str, port: int) -> dict[str, str]:
    """What the app is told: its public address, for the join link and QR code."""
    return {**os.environ, "CHECKLIST_PUBLIC_URL": room_url(address, port)}


def streamlit_command(address: str, port: int) -> list[str]:
    # Flags win over .streamlit/config.toml, so the default there stays loopback for `make run`.
    command = [str(STREAMLIT), "run", str(ROOT / "app.py"), "--server.address", address]
    command += ["--server.port", str(port), "--browser.serverAddress", address]
    for host in allowed_hosts(address):
        command += ["--server.allowedHosts", host]
    return command


def announce(address: str, port: int) -> None:
    url = room_url(address, port)
    say = print
    say("Workshop mode: serving the app on this machine's network address.")
    say(f"Participants join at: {url}/join")
    say(f"The facilitator's screen: {url}/workshop")
    say("Participants can scan this QR code to open the join page:")
    qr = segno.make(f"{url}/join", error="m")
    try:
        qr.terminal(out=sys.stdout, compact=True)
    except UnicodeEncodeError:
        qr.terminal(out=sys.stdout)
    say(
        f"WARNING: everyone on this network can open the app at {url} while it runs, "
        "and anyone with a join code can join a workshop. Use it on the room's own network for the "
        "workshop only, and stop it (Ctrl+C) when the workshop ends."
    )
    if ipaddress.ip_address(address).is_loopback:
        say(f"NOTE: {address} is this computer only; connect to the room's network first, or pass ROOM_ADDRESS.")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--address", default=os.environ.get("ROOM_ADDRESS") or None, help="the address to serve on")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8501))
    args = parser.parse_args(argv)
    address = args.address or network_address()
    try:
        ipaddress.ip_address(address)
    except ValueError:
        print(f"'{address}' is not an IP address such as 192.168.1.20.", file=sys.stderr)
        return 2
    announce(address, args.port)
    # Streamlit replaces this process, so stopping it (Ctrl+C, or a signal to this pid) stops the server.
    os.execve(STREAMLIT, streamlit_command(address, args.port), room_environment(address, args.port))  # noqa: S606
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
