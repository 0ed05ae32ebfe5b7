"""One client-address policy: X-Forwarded-For trusted only as far as the configured proxy count."""

from django.test import RequestFactory, override_settings

from core.clientaddr import client_address

rf = RequestFactory()


def _request(remote="10.0.0.5", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **meta)


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_proxies_the_header_is_ignored():
    assert client_address(_request(forwarded="1.2.3.4")) == "10.0.0.5"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_one_proxy_takes_the_rightmost_entry_not_a_forged_one():
    assert client_address(_request(remote="127.0.0.1", forwarded="6.6.6.6, 203.0.113.7")) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_two_proxies_take_the_second_from_the_right():
    request = _request(remote="127.0.0.1", forwarded="6.6.6.6, 203.0.113.7, 10.1.1.1")
    assert client_address(request) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_missing_or_garbage_header_falls_back_to_the_socket_address():
    assert client_address(_request(remote="127.0.0.1")) == "127.0.0.1"
    assert client_address(_request(remote="127.0.0.1", forwarded="not-an-ip\x00")) == "127.0.0.1"
