"""Server-rendered SVG charts: no JavaScript, same in every browser, readable beside a data table."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import get_language_bidi


@dataclass
class Point:
    year: int
    value: Decimal
    x: float  # percent of the chart's width
    y: float  # pixels from its top


@dataclass
class IndicatorChart:
    """A line of the measured values over the years, with the baseline and the target.

    Drawn at the width it is given and a fixed height: positions along the years are shares of the
    width (SVG percentages), heights are pixels, so its labels keep their size on a phone instead
    of shrinking with the drawing. The years run from the side the reader starts on: from the
    right in Arabic and Farsi."""

    indicator: object
    source: object
    height: int = 200
    inset: float = 9  # percent of the width on each side: room for a year centred on its point
    above: int = 32  # pixels over the plot, for the target's value
    below: int = 40  # pixels under it, for the years
    rtl: bool = field(default_factory=get_language_bidi)
    points: list = field(init=False)

    def __post_init__(self):
        measured = sorted(self.source.values.all(), key=lambda value: value.year)
        self.measured = measured
        years = [self.source.baseline_year, self.source.target_year] + [value.year for value in measured]
        values = [self.source.baseline_value, self.source.target_value] + [value.value for value in measured]
        self.first_year, self.last_year = min(years), max(years)
        self.ceiling = max(values) * Decimal("1.1") or Decimal(1)
        self.points = [self.point(value.year, value.value) for value in measured]
        self.baseline = self.point(self.source.baseline_year, self.source.baseline_value)
        self.target = self.point(self.source.target_year, self.source.target_value)

    def point(self, year, value):
        span = max(self.last_year - self.first_year, 1)
        share = self.inset + (100 - 2 * self.inset) * (year - self.first_year) / span
        plot_height = self.height - self.above - self.below
        y = self.above + plot_height * float(1 - Decimal(value) / self.ceiling)
        return Point(year, value, round(100 - share if self.rtl else share, 2), round(y, 1))

    @property
    def segments(self):
        """The measured line as segments from one year to the next (a polyline takes no percentages)."""
        return list(zip(self.points, self.points[1:], strict=False))

    @property
    def axis_y(self):
        return self.height - self.below

    @property
    def plot_left(self):
        return self.inset

    @property
    def plot_right(self):
        return 100 - self.inset

    @property
    def years_end(self):
        """Where the years end and the target's value is written: on the left in Arabic and Farsi."""
        return self.plot_left if self.rtl else self.plot_right

    @property
    def year_y(self):
        return self.height - 14


@dataclass
class Bar:
    label: object
    value: int
    share: float  # percent of the longest bar


@dataclass
class BarChart:
    """Bars for figures that have a label and a value, each a share of the largest: drawn in the
    reader's direction by the page (consultation/includes/bar_chart.html), so they grow from the
    right in Arabic and Farsi."""

    figures: list

    @property
    def bars(self):
        largest = max((figure.value for figure in self.figures), default=0) or 1
        return [
            Bar(figure.label, figure.value, round(100 * figure.value / largest, 1)) for figure in self.figures
        ]
