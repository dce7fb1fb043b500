"""Helpers shared by tests of several apps (a helper module, so that no test module imports another)."""

from django.core.files.uploadedfile import SimpleUploadedFile

PARTNER_HEADER = "acronym,name,kind,parent_acronym,valid_from,contact_name,contact_email\n"


def upload_partners(client, text: str | bytes, *, apply=False, name="partners.csv"):
    """Posts a partner file to the import page (a dry run unless `apply`) and returns the page's context."""
    data = {"file": SimpleUploadedFile(name, text.encode("utf-8") if isinstance(text, str) else text)}
    if apply:
        data["apply"] = "on"
    response = client.post("/interop/partners/", data)
    assert response.status_code == 200
    return response.context
