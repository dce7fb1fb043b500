from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .tokens import find_token, lacks_second_factor, record_use


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token pmu_…` (or `Bearer pmu_…`) with a personal token made on the tokens page."""

    keywords = ("token", "bearer")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode(errors="replace") not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header: give the keyword and the token."))
        try:
            raw = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        token = find_token(raw)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        if lacks_second_factor(token):
            raise exceptions.AuthenticationFailed(
                _(
                    "This token was made without two-factor sign-in, which your account now needs. Sign in with "
                    "your second factor and make a new token."
                )
            )
        record_use(token)
        return token.user, token

    def authenticate_header(self, request):
        return "Token"
