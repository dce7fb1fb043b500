import csv
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from programmes.models import Location, Partner, PartnerFormerName, Programme, Theme
from programmes.reference.catalogue import EXTRA_PARTNERS, FORMER_NAMES, PARTNER_FACTS, PROGRAMMES, THEMES

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "reference"


def _rows(filename):
    with open(REFERENCE_DIR / filename, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def _verified(row, column: str) -> bool:
    """A name counts as checked unless the note marks it "<column> unverified" (a native speaker still has to look)."""
    return bool(row[column]) and f"{column} unverified" not in row["note"]


def upsert(model, lookup: dict, values: dict):
    """Create the row, or change only the fields that differ: a second run writes nothing, not even history."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**{**values, **lookup})
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if changed:
        for field in changed:
            setattr(obj, field, values[field])
        obj.save(update_fields=changed)
    return obj


class Command(BaseCommand):
    help = "Load the real places, institutions and the unit's programmes. Running it again changes nothing."

    @transaction.atomic
    def handle(self, *args, **options):
        self.stdout.write(f"locations: {self.load_locations()}")
        self.stdout.write(f"partners: {self.load_partners()}")
        self.stdout.write(f"programmes: {self.load_programmes()}")
        self.stdout.write(f"themes: {self.load_themes()}")

    def load_locations(self):
        rows = list(_rows("locations.csv"))
        for row in rows:
            note = row["note"]
            upsert(
                Location,
                {"code": row["code"]},
                {
                    "name": row["name_en"],
                    "name_az": row["name_az"],
                    "name_ru": row["name_ru"],
                    "kind": row["kind"],
                    "latitude": Decimal(row["latitude"]),
                    "longitude": Decimal(row["longitude"]),
                    "former_names": note.split("formerly ", 1)[1].split(";")[0] if "formerly " in note else "",
                },
            )
        for row in rows:  # parents once every row exists
            parent = Location.objects.get(code=row["parent_code"]) if row["parent_code"] else None
            upsert(Location, {"code": row["code"]}, {"parent": parent})
        return len(rows)

    def load_partners(self):
        rows = list(_rows("partners.csv"))
        for row in rows:
            upsert(
                Partner,
                {"acronym": row["acronym"]},
                {
                    "name": row["name_en"],
                    "name_az": row["name_az"],
                    "name_az_verified": _verified(row, "name_az"),
                    "name_ru": row["name_ru"],
                    "name_ru_verified": _verified(row, "name_ru"),
                    "kind": row["kind"],
                    "notes": row["note"],
                },
            )
        for extra in EXTRA_PARTNERS:
            checked = {"name_az_verified": True, "name_ru_verified": True}
            upsert(Partner, {"acronym": extra["acronym"]}, {**extra, **checked})
        for row in rows:
            parent = Partner.objects.get(acronym=row["parent_acronym"]) if row["parent_acronym"] else None
            upsert(Partner, {"acronym": row["acronym"]}, {"parent": parent})
        for acronym, facts in PARTNER_FACTS.items():
            facts = dict(facts)
            if "successor" in facts:
                facts["successor"] = Partner.objects.get(acronym=facts["successor"])
            upsert(Partner, {"acronym": acronym}, facts)
        for acronym, names in FORMER_NAMES.items():
            partner = Partner.objects.get(acronym=acronym)
            for former in names:
                upsert(PartnerFormerName, {"partner": partner, "name": former["name"]}, former)
        return len(rows) + len(EXTRA_PARTNERS)

    def load_programmes(self):
        for item in PROGRAMMES:
            upsert(Programme, {"unit_area": item["unit_area"], "title": item["title"]}, item)
        return len(PROGRAMMES)

    def load_themes(self):
        for code, unit_area, name, name_az, name_ru in THEMES:
            upsert(
                Theme, {"code": code}, {"unit_area": unit_area, "name": name, "name_az": name_az, "name_ru": name_ru}
            )
        return len(THEMES)
