"""Every report kind, built from the demo data in English, Azerbaijani and Russian, looks like a document one would
send out: no word off the page, rows kept whole with the heading row on every page, no empty column, whole-number
chart ticks, unique column headings and sheet names that fit Excel's 31 characters without being cut.

One seeded database for the module (seed_demo at scale 1): each report is built once and every test reads the files.
"""

import io
import logging
import re
import subprocess
from io import StringIO

import pytest
import weasyprint
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from lxml import html as lxml_html
from openpyxl import load_workbook
from weasyprint.formatting_structure import boxes

from accounts.models import User
from accounts.units import UnitArea
from programmes.models import ActivityPartner, PartnerRole, Person
from reports import services
from reports.builders.quarterly import previous_quarter, quarter_bounds
from reports.models import ReportJob, ReportStatus
from reports.registry import QUARTER, all_kinds
from reports.writers import CHAR_WIDTH, SHEET_TITLE_MAX, TableWriter, bar_chart_svg, count_ticks

# Marked so pytest-django sets up the test database before the module fixture seeds it.
pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "az", "ru")
EMPTY = ("", "—")  # what a PDF cell shows when it has no figure


class _Recorder(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    """{(kind, format, language): {"data": bytes, "html": str, "document": weasyprint Document}} for every kind."""
    documents = []

    class RecordingHTML(weasyprint.HTML):
        # The real WeasyPrint, keeping the laid-out document and its source so the tests can inspect both.
        def __init__(self, *args, string=None, **kwargs):
            super().__init__(*args, string=string, **kwargs)
            self.source = string

        def write_pdf(self, target=None, **kwargs):
            document = self.render()
            documents.append((self.source, document))
            return document.write_pdf(target, **kwargs)

    warnings = _Recorder()
    logging.getLogger("reports.writers").addHandler(warnings)
    with (
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("layout-media")),
        django_db_blocker.unblock(),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(weasyprint, "HTML", RecordingHTML)
        name = str(connection.settings_dict["NAME"])
        assert "test" in name or "memory" in name, f"refusing to seed and flush {name}: not a test database"
        migrated = connection.creation.serialize_db_to_string()
        try:
            call_command("seed_reference", stdout=StringIO())
            call_command("seed_demo", stdout=StringIO())
            files = _build_everything(documents)
            files["__data__"] = {
                "positions": Person.objects.exclude(position="").exists(),
                "other_partners": ActivityPartner.objects.exclude(
                    role__in=[PartnerRole.BENEFICIARY, PartnerRole.CO_SPONSOR]
                ).exists(),
                "cut_titles": warnings.messages,
            }
            yield files
        finally:
            logging.getLogger("reports.writers").removeHandler(warnings)
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(migrated)


def _build_everything(documents) -> dict:
    manager = User.objects.get(username="manager")
    year, quarter = previous_quarter(timezone.localdate())
    start, end = quarter_bounds(year, quarter)
    files = {}
    for kind in all_kinds():
        areas = [kind.unit_area] if kind.unit_area else list(UnitArea.values)
        parameters = {}
        if QUARTER in kind.parameters:
            parameters = {"quarter": f"{year}-Q{quarter}", "date_from": str(start), "date_to": str(end)}
        for fmt in set(kind.formats) & {"pdf", "xlsx"}:
            for language in LANGUAGES:
                job = ReportJob.objects.create(
                    kind=kind.code,
                    format=fmt,
                    language=language,
                    requested_by=manager,
                    unit_areas=areas,
                    parameters=parameters,
                )
                documents.clear()
                services.run_job(job_id=job.pk)
                job.refresh_from_db()
                assert job.status == ReportStatus.DONE, (kind.code, fmt, language, job.error)
                with default_storage.open(job.file.name, "rb") as handle:
                    entry = {"data": handle.read()}
                if fmt == "pdf":
                    entry["html"], entry["document"] = documents[-1]
                files[kind.code, fmt, language] = entry
    return files


def _of_format(built, fmt):
    return {key: value for key, value in built.items() if key != "__data__" and key[1] == fmt}


def test_every_kind_was_built_in_every_language(built):
    expected = {
        (kind.code, fmt, language)
        for kind in all_kinds()
        for fmt in kind.formats
        if fmt in ("pdf", "xlsx")
        for language in LANGUAGES
    }
    assert expected <= set(built)
    assert len(_of_format(built, "pdf")) >= 7 * 3


# --- PDF: the page box ------------------------------------------------------------------------------------------------

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>')


def words_outside_the_page(pdf: bytes) -> list[tuple[int, str]]:
    """(page, word) for every word whose box is not inside its page, as poppler's pdftotext -bbox reads the file."""
    text = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    outside = []
    for number, (width, height, body) in enumerate(_PAGE.findall(text.decode()), 1):
        for x0, y0, x1, y1, word in _WORD.findall(body):
            # No tolerance: poppler drops the letters that start off the page, so a word past the edge shows as its
            # first letters, ending a fraction of a point beyond it.
            if float(x0) < 0 or float(y0) < 0 or float(x1) > float(width) or float(y1) > float(height):
                outside.append((number, word))
    return outside


def text_outside_the_layout(document) -> list[tuple[int, str]]:
    """(page, text) for every laid-out line of text not inside its page: WeasyPrint's own boxes, which also see
    what a PDF reader may drop (text wholly off the page)."""
    outside = []
    for number, page in enumerate(document.pages, 1):
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            if isinstance(box, boxes.TextBox):
                x0, y0 = box.position_x, box.position_y
                if x0 < -0.5 or y0 < -0.5 or x0 + box.width > page.width + 0.5 or y0 + box.height > page.height + 0.5:
                    outside.append((number, box.text))
            stack.extend(getattr(box, "children", ()))
    return outside


def test_no_word_lies_outside_the_page(built):
    pdfs = _of_format(built, "pdf")
    found = {key: words_outside_the_page(entry["data"]) for key, entry in pdfs.items()}
    assert {key: words[:5] for key, words in found.items() if words} == {}
    found = {key: text_outside_the_layout(entry["document"]) for key, entry in pdfs.items()}
    assert {key: texts[:5] for key, texts in found.items() if texts} == {}
    # Both checks find text past the edge, as in the Russian tables that ran off the page.
    wide = weasyprint.HTML(string="<p style='margin-left: 175mm; white-space: nowrap'>Отставание Отставание</p>")
    assert [page for page, _word in words_outside_the_page(wide.write_pdf())] == [1]
    assert text_outside_the_layout(wide.render()) == [(1, "Отставание Отставание")]


def _tables_on_pages(document):
    """Per page, each table on it: (its element, whether its heading row is on the page, its body row elements)."""
    pages = []
    for page in document.pages:
        tables, stack = [], [page._page_box]
        while stack:
            box = stack.pop()
            if isinstance(box, boxes.TableBox):
                header, rows = False, []
                for group in box.children:
                    if group.is_header:
                        header = True
                    elif not group.is_footer:
                        rows += [row.element for row in group.children]
                tables.append((box.element, header, rows))
            else:
                stack.extend(getattr(box, "children", ()))
        pages.append(tables)
    return pages


def test_rows_are_not_split_and_the_heading_row_repeats(built):
    problems = []
    for key, entry in _of_format(built, "pdf").items():
        pages = _tables_on_pages(entry["document"])
        seen, with_header = {}, set()
        for number, tables in enumerate(pages, 1):
            for table, header, rows in tables:
                if header:
                    with_header.add(table)
                for row in rows:
                    seen.setdefault(row, set()).add(number)
        split = [row for row, numbers in seen.items() if len(numbers) > 1]
        if split:
            problems.append((key, "rows split", len(split)))
        for number, tables in enumerate(pages, 1):
            for table, header, rows in tables:
                if table in with_header and rows and not header:
                    problems.append((key, "no heading row on page", number))
    assert problems == []
    # The demo data has tables that run over a page: the check above met continued tables.
    continued = _tables_on_pages(built["indicator_progress", "pdf", "ru"]["document"])
    assert len(continued) > 2 and all(header for tables in continued[1:] for _table, header, _rows in tables)


def _lines_per_element(document):
    """{element: [text of each laid-out line]} in reading order, over every page."""
    lines = {}
    for page in document.pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            if isinstance(box, boxes.LineBox):
                text = "".join(b.text for b in box.descendants() if isinstance(b, boxes.TextBox))
                lines.setdefault(box.element, []).append(text)
            stack.extend(reversed(getattr(box, "children", ())))
    return lines


def words_broken_without_a_hyphen(document) -> list[str]:
    """Words split over two lines with no hyphen ("Kişilə" / "r"): what a too narrow column does to a language
    without hyphenation patterns (Azerbaijani)."""
    broken = []
    for element, lines in _lines_per_element(document).items():
        text = "".join(element.itertext()) if element is not None else ""
        for first, second in zip(lines, lines[1:], strict=False):
            head, tail = re.search(r"(\w+)$", first.rstrip()), re.match(r"\w+", second.lstrip())
            if head and tail and first == first.rstrip() and not second[:1].isspace():
                word = head.group(1) + tail.group(0)
                if word in text and not re.search(rf"\b{re.escape(head.group(1))}\b", text):
                    broken.append(f"{head.group(1)}|{tail.group(0)}")
    return broken


def test_no_word_is_broken_without_a_hyphen(built):
    found = {key: words_broken_without_a_hyphen(entry["document"]) for key, entry in _of_format(built, "pdf").items()}
    assert {key: words[:5] for key, words in found.items() if words} == {}
    # The check finds a word broken in a column too narrow for it.
    narrow = weasyprint.HTML(
        string="<table style='table-layout: fixed; width: 14mm'>"
        "<tr><th style='overflow-wrap: break-word'>Kişilər Qadınlar</th></tr></table>"
    )
    assert words_broken_without_a_hyphen(narrow.render())


def test_totals_stay_with_the_last_row(built):
    problems = []
    for key, entry in _of_format(built, "pdf").items():
        for number, tables in enumerate(_tables_on_pages(entry["document"]), 1):
            for table, _header, rows in tables:
                totals = set(table.find("tfoot") if table.find("tfoot") is not None else ())
                if rows and all(row in totals for row in rows):
                    problems.append((key, number))
    assert problems == []


# --- Columns: no empty one --------------------------------------------------------------------------------------------


def _column_headings(table) -> list[str]:
    """Each column's heading with the grouping heading above it, if any: "Person-trainings / Women"."""
    grid = {}
    for r, tr in enumerate(table.xpath("./thead/tr")):
        c = 0
        for th in tr.xpath("./th"):
            while (r, c) in grid:
                c += 1
            span = int(th.get("colspan", 1))
            for dr in range(int(th.get("rowspan", 1))):
                for dc in range(span):
                    grid[r + dr, c + dc] = th.text_content().strip()
            c += span
    rows, columns = (max((key[i] for key in grid), default=-1) + 1 for i in (0, 1))
    return [" / ".join(dict.fromkeys(grid.get((r, c), "") for r in range(rows))) for c in range(columns)]


def _pdf_columns(source: str) -> dict:
    """{(headings...): [set of texts per column]} over every table of a PDF's HTML with a heading row."""
    columns = {}
    for table in lxml_html.fromstring(source).iter("table"):
        heads = _column_headings(table)
        if not heads:
            continue
        texts = columns.setdefault(tuple(heads), [set() for _ in heads])
        for row in table.xpath("./tbody/tr"):
            cells = row.xpath("./td")
            if len(cells) == len(heads):  # a "Nothing recorded." row spans every column
                for index, cell in enumerate(cells):
                    texts[index].add(cell.text_content().strip())
    return columns


def test_every_pdf_column_has_a_figure(built):
    empty = []
    for key, entry in _of_format(built, "pdf").items():
        for heads, texts in _pdf_columns(entry["html"]).items():
            if any(texts):  # a table with rows
                empty += [(key, heads[i]) for i, values in enumerate(texts) if not values - set(EMPTY)]
    assert empty == []


def _sheets(data: bytes) -> dict:
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}


def test_every_sheet_column_has_data(built):
    facts = built["__data__"]
    # Columns the demo data leaves empty because it records nothing for them (checked against the database).
    allowed = set()
    if not facts["positions"]:
        allowed |= {("participation_list", 9)}
    if not facts["other_partners"]:
        allowed |= {("activity_register", 12)}
    empty = []
    for (kind, _fmt, language), entry in _of_format(built, "xlsx").items():
        for title, rows in _sheets(entry["data"]).items():
            if len(rows) < 2:
                continue
            for index, head in enumerate(rows[0]):
                values = [row[index] if index < len(row) else None for row in rows[1:]]
                if all(value in (None, "") for value in values) and (kind, index) not in allowed:
                    empty.append((kind, language, title, head))
    assert empty == []


# --- Headings and sheet names -----------------------------------------------------------------------------------------


def test_headings_are_unique_and_sheet_names_fit_uncut(built):
    duplicates, long_titles = [], []
    for (kind, _fmt, language), entry in _of_format(built, "xlsx").items():
        for title, rows in _sheets(entry["data"]).items():
            if len(title) > SHEET_TITLE_MAX:
                long_titles.append((kind, language, title))
            heads = [head for head in (rows[0] if rows else []) if head is not None]
            duplicates += [(kind, language, title, head) for head in set(heads) if heads.count(head) > 1]
    assert duplicates == []
    assert long_titles == []
    # No title in any language was cut to fit (the writer logs each one it cuts).
    assert built["__data__"]["cut_titles"] == []


def test_pdf_column_headings_are_unique_within_a_table(built):
    duplicates, grouped = [], 0
    for key, entry in _of_format(built, "pdf").items():
        for table in lxml_html.fromstring(entry["html"]).iter("table"):
            heads = [head for head in _column_headings(table) if head]
            grouped += any(" / " in head for head in heads)
            duplicates += [(key, head) for head in set(heads) if heads.count(head) > 1]
    assert duplicates == []
    assert grouped >= 2 * 3  # training reach: "Women" and "Men" under unique people and under person-trainings


def test_the_writer_never_cuts_a_sheet_name_silently(tmp_path, caplog):
    title = "В сравнении с целевыми значениями"  # 33 characters: the Russian title that used to be cut
    with caplog.at_level(logging.WARNING, logger="reports.writers"), TableWriter(tmp_path / "t.xlsx", "xlsx") as out:
        out.table(title, ["A"])
        out.row([1])
    assert list(_sheets((tmp_path / "t.xlsx").read_bytes())) == [title[:SHEET_TITLE_MAX]]
    assert any("Sheet title cut" in message and title in message for message in caplog.messages)


# --- Charts -----------------------------------------------------------------------------------------------------------

_TICK = re.compile(r'<text class="tick"[^>]*>([^<]*)</text>')


# A whole number in any of the three languages: digits in groups of three (1,000 / 1 000 / 1.000), no decimals.
_WHOLE = re.compile(r"\d{1,3}([\s\u00a0\u202f,.]\d{3})*")


def test_chart_ticks_are_whole_numbers(built):
    charts = 0
    for key, entry in _of_format(built, "pdf").items():
        ticks = _TICK.findall(entry["html"])
        charts += bool(ticks)
        assert all(_WHOLE.fullmatch(tick) for tick in ticks), (key, ticks)
    assert charts >= 4 * 3  # participant reach, quarterly, training reach and beneficiary institutions
    for peak in (1, 7, 17, 70, 1825, 456, 12345):
        ticks = count_ticks(peak)
        assert ticks[0] == 0 and ticks[-1] >= peak and all(isinstance(t, int) for t in ticks)
        assert len({b - a for a, b in zip(ticks, ticks[1:], strict=False)}) == 1 and len(ticks) <= 6


def test_long_category_labels_are_wrapped_beside_horizontal_bars():
    labels = [
        "Polisin ictimaiyyətlə işi",
        "Terrorizmə və mütəşəkkil cinayətkarlığa qarşı mübarizə",
        "İctimai yığıncaqlarda asayişin təmin edilməsi",
        "İnsan alveri",
    ]
    svg = str(bar_chart_svg(labels, [("Qadın", [649, 390, 589, 519]), ("Kişi", [1825, 1394, 1178, 1187])]))
    lines = re.findall(r'<text class="label" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', svg)
    label_w = float(lines[0][0])
    assert len(lines) > len(labels)  # the long names take more than one line
    assert all(len(text) * CHAR_WIDTH <= label_w for _x, _y, text in lines)
    ys = [float(y) for _x, y, _text in lines]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)  # one line under another, none on top of another
    # Short labels (months) stay under vertical bars.
    months = str(bar_chart_svg(["Jul 2026", "Aug 2026", "Sep 2026"], [("Women", [3, 4, 5])]))
    assert 'text-anchor="middle">Jul 2026<' in months
