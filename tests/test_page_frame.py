"""Every page's frame (base.html) with its fixed parts worked out once per process (programmes/templatetags/chrome.py,
osce_baku/storage.py): the same links, language menu and static file URLs as the tags they replace, in every
language."""

import json
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info

from osce_baku.storage import StaticFilesStorage

pytestmark = pytest.mark.django_db


def _language_menu(html: str) -> list[tuple[str, bool, str]]:
    menu = html[html.index('id="language-select"') : html.index("</select>")]
    return re.findall(r'<option value="([^"]+)"( selected)?>([^<]+)</option>', menu)


@pytest.mark.parametrize("language", ["en", "az", "ru"])
def test_the_language_menu_names_each_language_in_its_own_words_and_selects_the_active_one(personas, language):
    html = personas["manager"].get(reverse("home"), headers={"accept-language": language}).content.decode()
    expected = [
        (code, " selected" if code == language else "", get_language_info(code)["name_local"])
        for code, _name in settings.LANGUAGES
    ]
    assert _language_menu(html) == expected
    with translation.override(language):
        assert f">{translation.gettext('Change')}</button>" in html


def test_the_frames_links_are_the_views_urls(personas):
    html = personas["manager"].get(reverse("home")).content.decode()
    for name in ("home", "accounts:profile", "accounts:mfa", "accounts:logout", "set_language"):
        assert f'="{reverse(name)}"' in html, name


def test_static_urls_are_the_manifests_hashed_names(tmp_path, settings):
    settings.STATIC_URL = "/static/"
    manifest = {"paths": {"css/portal.css": "css/portal.0123abcd.css"}, "version": "1.1", "hash": "0"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")
    assert storage.url("css/portal.css") == storage.url("css/portal.css") == "/static/css/portal.0123abcd.css"
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        storage.url("css/missing.css")
