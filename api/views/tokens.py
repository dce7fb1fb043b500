"""The personal API tokens page: create (the value is shown once, on the response to the creation), list, revoke."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import mfa

from ..forms import TokenForm
from ..models import ApiToken
from ..tokens import create_token, revoke_token


@never_cache
def token_list(request):
    form = TokenForm(request.POST or None)
    raw = None
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = create_token(
                user=request.user, name=form.cleaned_data["name"], verified=request.user.is_verified()
            )
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages_)
        else:
            form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at", "-id")
    context = {
        "form": form,
        "tokens": tokens,
        "new_token": raw,
        # Tokens made without a second factor are refused for such a user (api.tokens.lacks_second_factor).
        "needs_second_factor": mfa.must_use_second_factor(request.user),
        "lifetime_days": settings.API_TOKEN_LIFETIME_DAYS,
    }
    return render(request, "api/tokens.html", context)


@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken.objects.filter(user=request.user), pk=pk)
    revoke_token(token=token)
    messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("api:tokens")
