"""The join link participants can reach: the configured public address first, else the browser's."""

from __future__ import annotations

import pytest

from checklist.domain.join_address import JoinAddress, is_loopback, join_address


def test_a_configured_public_address_is_used_for_the_join_link() -> None:
    address = join_address("X8GUN5", public_url="http://192.168.1.20:8501/", page_url="http://127.0.0.1:8501/workshop")
    assert address == JoinAddress("http://192.168.1.20:8501/join?join=X8GUN5", "192.168.1.20", True)


def test_without_a_public_address_the_link_uses_the_address_the_browser_used() -> None:
    address = join_address("X8GUN5", public_url=None, page_url="https://training.example.org/checklist/workshop?w=abc")
    assert address == JoinAddress(
        "https://training.example.org/checklist/join?join=X8GUN5", "training.example.org", True
    )


def test_a_loopback_address_is_flagged_as_unreachable_from_phones() -> None:
    address = join_address("X8GUN5", public_url="", page_url="http://127.0.0.1:8611/workshop?w=abc")
    assert (address.link, address.reachable) == ("http://127.0.0.1:8611/join?join=X8GUN5", False)


def test_a_public_address_that_is_not_a_web_address_is_reported_and_not_used() -> None:
    address = join_address("X8GUN5", public_url="192.168.1.20:8501", page_url="http://10.0.0.5:8501/workshop")
    assert (address.link, address.problem is not None and "CHECKLIST_PUBLIC_URL" in address.problem) == (
        "http://10.0.0.5:8501/join?join=X8GUN5",
        True,
    )


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.4.5.6", True),
        ("localhost", True),
        ("[::1]", True),
        ("0.0.0.0", True),  # noqa: S104 - a host name under test, nothing binds here
        ("192.168.1.20", False),
        ("10.0.0.5", False),
        ("checklist.example.org", False),
    ],
)
def test_loopback_hosts_are_told_apart_from_network_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
