"""The join link's address: the setting, else the LAN address in place of a loopback host."""

from __future__ import annotations

from ui.publicurl import is_loopback, public_base


def test_loopback_hosts_are_replaced_by_the_lan_address():
    assert public_base("http://localhost:8501/workshop?ws=a", "", "192.168.1.20") == "http://192.168.1.20:8501/workshop"
    assert public_base("http://127.0.0.1:8501/workshop", "", "10.0.0.7") == "http://10.0.0.7:8501/workshop"
    assert public_base("http://[::1]:8501/workshop", "", "10.0.0.7") == "http://10.0.0.7:8501/workshop"


def test_a_public_host_is_kept_and_the_setting_wins():
    assert public_base("https://qn.example.vn/workshop", "", "10.0.0.7") == "https://qn.example.vn/workshop"
    assert public_base("http://localhost:8501/workshop", "http://hoithao.local:8080", "10.0.0.7") == \
        "http://hoithao.local:8080/workshop"
    assert public_base("http://localhost:8501/workshop", "https://x.vn/app/", None) == "https://x.vn/app/workshop"


def test_no_address_when_only_loopback_is_known():
    assert public_base("http://localhost:8501/workshop", "", "") is None
    assert public_base(None, "", "10.0.0.7") is None
    assert is_loopback("LOCALHOST") and is_loopback("127.0.1.1") and not is_loopback("192.168.1.2")
