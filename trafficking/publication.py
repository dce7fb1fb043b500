"""The NRM publication: every NRM figure the portal shows, suppressed together, so no combination of them gives a
hidden count away.

What is published (on the page, the API, the CSV, the NAP report in XLSX and PDF, and the dashboard panel):
- per year and stage, the breakdowns by sex, age band, form of exploitation and nationality group, each row with
  the stage total of the year (one figure shared by the four tables);
- per year, identified victims by sex and age band (the dashboard), whose row and column totals are the sex and
  age-band cells of the identified stage, and whose grand total is the stage total;
- the trend table: the stage totals of every year, and per stage their sum over the years.
There is no sum over stages: a person presumed, identified, referred and assisted is one person counted four times.

All of it is one `disclosure.Figures`: suppressed and audited at once, and cached under a hash of the counts (the key
changes whenever a count does, so nothing needs invalidating). Callers check access; this module does not.
"""

import hashlib
import logging
from collections import defaultdict

from django.core.cache import cache
from django.db.models import Sum

from .disclosure import Figures
from .models import AgeBand, Exploitation, Nationality, NrmStatistic, Sex, Stage
from .suppression import Cell, SuppressedTable, threshold

BREAKDOWNS = [
    ("sex", Sex),
    ("age_band", AgeBand),
    ("exploitation", Exploitation),
    ("nationality", Nationality),
]
SEX_AGE = "sex_age"
STAGE_TOTAL = "total"
TREND_TOTAL = "trend_total"
CACHE_SECONDS = 24 * 3600
logger = logging.getLogger(__name__)


def _figures(counts: dict, years: list[int], limit: int) -> Figures:
    """Every published figure, keyed (kind, ...), cells before totals (hidden first when the audit needs more)."""
    values, sums = {}, []
    for year in years:
        for stage in Stage.values:
            for name, enum in BREAKDOWNS:
                parts = [(name, year, stage, value) for value in enum.values]
                values |= {part: counts[name].get((year, stage, part[-1]), 0) for part in parts}
                sums.append(((STAGE_TOTAL, year, stage), parts))
        for sex in Sex.values:
            parts = [(SEX_AGE, year, sex, age) for age in AgeBand.values]
            values |= {part: counts[SEX_AGE].get((year, sex, part[-1]), 0) for part in parts}
            sums.append((("sex", year, Stage.IDENTIFIED, sex), parts))
        for age in AgeBand.values:
            sums.append((("age_band", year, Stage.IDENTIFIED, age), [(SEX_AGE, year, sex, age) for sex in Sex.values]))
    for year in years:
        values |= {(STAGE_TOTAL, year, stage): counts[STAGE_TOTAL].get((year, stage), 0) for stage in Stage.values}
    for stage in Stage.values:
        values[TREND_TOTAL, stage] = sum(values[STAGE_TOTAL, year, stage] for year in years)
        sums.append(((TREND_TOTAL, stage), [(STAGE_TOTAL, year, stage) for year in years]))
    return Figures(values, sums, limit)


def _counts():
    """The counts every figure is made of, summed over quarters: one query."""
    counts = defaultdict(lambda: defaultdict(int))
    rows = (
        NrmStatistic.objects.values_list("year", "stage", "sex", "age_band", "exploitation", "nationality")
        .annotate(n=Sum("count"))
        .order_by("year", "stage", "sex", "age_band", "exploitation", "nationality")
    )
    for year, stage, sex, age_band, exploitation, nationality, n in rows:
        for name, value in zip(("sex", "age_band", "exploitation", "nationality"),
                               (sex, age_band, exploitation, nationality), strict=True):  # fmt: skip
            counts[name][year, stage, value] += n
        counts[STAGE_TOTAL][year, stage] += n
        if stage == Stage.IDENTIFIED:
            counts[SEX_AGE][year, sex, age_band] += n
    return counts


class Publication:
    def __init__(self, figures: Figures, hidden: dict, years: list[int]):
        self.figures, self.hidden, self.years = figures, hidden, years

    def cell(self, key) -> Cell:
        if key in self.hidden:
            return Cell(None, self.hidden[key])
        return Cell(self.figures.values.get(key, 0))

    def _table(self, row_keys, row_labels, col_keys, col_labels, cell_key, total_key, col_total_key=None, total=None):
        return SuppressedTable(
            row_labels=list(row_labels),
            col_labels=list(col_labels),
            rows=[[self.cell(cell_key(r, c)) for c in col_keys] for r in row_keys],
            row_totals=[self.cell(total_key(r)) for r in row_keys],
            col_totals=[self.cell(col_total_key(c)) for c in col_keys] if col_total_key else [],
            total=self.cell(total) if total else None,
        )

    def year_tables(self, year: int) -> list[dict]:
        """Stage by sex, age band, form of exploitation and nationality group for one year."""
        return [
            {
                "name": name,
                "title": NrmStatistic._meta.get_field(name).verbose_name,
                "table": self._table(
                    Stage.values,
                    Stage.labels,
                    enum.values,
                    enum.labels,
                    lambda stage, value, name=name: (name, year, stage, value),
                    lambda stage: (STAGE_TOTAL, year, stage),
                ),  # fmt: skip
            }
            for name, enum in BREAKDOWNS
        ]

    def trend(self) -> SuppressedTable:
        """Stage by year, each stage with its sum over the years."""
        return self._table(
            Stage.values, Stage.labels, self.years, self.years,
            lambda stage, year: (STAGE_TOTAL, year, stage), lambda stage: (TREND_TOTAL, stage),
        )  # fmt: skip

    def identified(self, year: int) -> SuppressedTable:
        """Identified victims by sex and age band, with the totals they share with the year's tables."""
        return self._table(
            Sex.values, Sex.labels, AgeBand.values, AgeBand.labels,
            lambda sex, age: (SEX_AGE, year, sex, age), lambda sex: ("sex", year, Stage.IDENTIFIED, sex),
            col_total_key=lambda age: ("age_band", year, Stage.IDENTIFIED, age),
            total=(STAGE_TOTAL, year, Stage.IDENTIFIED),
        )  # fmt: skip


def nrm_publication() -> Publication:
    """Every NRM figure, suppressed together. One query; the audit runs once per distinct set of counts."""
    counts = _counts()
    years = sorted({year for year, _stage in counts[STAGE_TOTAL]})
    limit = threshold()
    figures = _figures(counts, years, limit)
    digest = hashlib.sha256(repr((limit, list(figures.values.items()))).encode()).hexdigest()
    key = f"nrm-publication:{digest}"
    hidden = cache.get(key)
    if hidden is None:
        hidden, narrow = figures.protect()
        if narrow:  # which figures (year, stage, category), never a count
            logger.warning("NRM figures that no further suppression can protect: %s", narrow)
        cache.set(key, hidden, CACHE_SECONDS)
    return Publication(figures, hidden, years)
