"""Login throttling against password guessing.

Failed logins are counted per username and per client address
(VIGIE_LOGIN_RATE, 5 in 15 minutes by default) in the shared cache of
web/throttle.py. Past the limit either way, LoginThrottleBackend, first of
AUTHENTICATION_BACKENDS, stops authentication before any password is checked:
guessing stops, even on the right password. The admin's login form then says
why and for how long.

A successful login clears its username's counter, not the address's: one valid
account must not reset the count of guesses made on others from that address.
Someone may lock an editor out for the window by failing on their name; that
is the price of stopping guesses spread over many addresses.
"""

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.dispatch import receiver

from web.throttle import Window, client_address, wait_in_words


def _user_window() -> Window:
    return Window("login-user", settings.VIGIE_LOGIN_RATE)


def _client_window() -> Window:
    return Window("login-client", settings.VIGIE_LOGIN_RATE)


def _username(value) -> str:
    # One counter for "Admin" and "admin ": both are guesses at the same account.
    return str(value or "").strip().casefold()


def seconds_blocked(request, username) -> int:
    """0 if a login may be tried, else the seconds until it may."""
    user_window, client_window = _user_window(), _client_window()
    if not user_window.enabled:
        return 0
    blocked = [user_window] if user_window.count(_username(username)) >= user_window.limit else []
    if request is not None and client_window.count(client_address(request)) >= client_window.limit:
        blocked.append(client_window)
    return max((window.retry_after() for window in blocked), default=0)


@receiver(user_login_failed, dispatch_uid="vigie-login-failed")
def _count_failure(sender, credentials, request=None, **kwargs):
    user_window, client_window = _user_window(), _client_window()
    if not user_window.enabled:
        return
    user_window.hit(_username(credentials.get("username")))
    if request is not None:
        client_window.hit(client_address(request))


@receiver(user_logged_in, dispatch_uid="vigie-logged-in")
def _clear_user_failures(sender, request, user, **kwargs):
    if _user_window().enabled:
        _user_window().reset(_username(user.get_username()))


class LoginThrottleBackend:
    """Refuses every authentication while the username or the client is blocked,
    before the next backend (ModelBackend) looks at the password."""

    def authenticate(self, request, username=None, **credentials):
        if seconds_blocked(request, username):
            raise PermissionDenied
        return None

    # No get_user: it never logs anyone in, so no session names it (and the test
    # client's force_login, which takes the first backend having one, skips it).


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin login form, which says when a login is refused for too many failures."""

    def get_invalid_login_error(self):
        wait = seconds_blocked(self.request, self.cleaned_data.get("username"))
        if not wait:
            return super().get_invalid_login_error()
        return ValidationError(
            "Trop de tentatives de connexion échouées pour ce compte ou depuis votre adresse. Réessayez dans %(wait)s.",
            code="throttled",
            params={"wait": wait_in_words(wait)},
        )
