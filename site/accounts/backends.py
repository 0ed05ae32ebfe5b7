"""django-axes lockout check that tolerates request-less authenticate() calls."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Every HTTP login passes a request and is checked; calls without one (the test client's
    login(), shell scripts) cannot be brute-forced over the network, so they are left to the
    next backend instead of raising."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
