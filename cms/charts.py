"""Server-rendered SVG charts: no JavaScript, same in every browser, readable beside a data table."""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Point:
    year: int
    value: Decimal
    x: float
    y: float


@dataclass
class IndicatorChart:
    """A line of the measured values over the years, with the baseline and the target."""

    indicator: object
    source: object
    width: int = 560
    height: int = 220
    margin: int = 40
    points: list = field(init=False)

    def __post_init__(self):
        measured = sorted(self.source.values.all(), key=lambda value: value.year)
        self.measured = measured
        years = [self.source.baseline_year, self.source.target_year] + [value.year for value in measured]
        values = [self.source.baseline_value, self.source.target_value] + [value.value for value in measured]
        self.first_year, self.last_year = min(years), max(years)
        self.top = max(values) * Decimal("1.1") or Decimal(1)
        self.points = [self.point(value.year, value.value) for value in measured]
        self.baseline = self.point(self.source.baseline_year, self.source.baseline_value)
        self.target = self.point(self.source.target_year, self.source.target_value)

    def point(self, year, value):
        span = max(self.last_year - self.first_year, 1)
        plot_width = self.width - 2 * self.margin
        plot_height = self.height - 2 * self.margin
        x = self.margin + plot_width * (year - self.first_year) / span
        y = self.margin + plot_height * float(1 - Decimal(value) / self.top)
        return Point(year, value, round(x, 1), round(y, 1))

    @property
    def polyline(self):
        return " ".join(f"{point.x},{point.y}" for point in self.points)

    @property
    def axis_y(self):
        return self.height - self.margin

    @property
    def axis_end_x(self):
        return self.width - self.margin


@dataclass
class Bar:
    label: object
    value: int
    y: int
    width: int


@dataclass
class BarChart:
    """Horizontal bars for figures that have a label and a value, the largest 340 units long."""

    figures: list
    row: int = 22
    length: int = 340

    @property
    def bars(self):
        largest = max((figure.value for figure in self.figures), default=0) or 1
        return [
            Bar(figure.label, figure.value, index * self.row, round(self.length * figure.value / largest))
            for index, figure in enumerate(self.figures)
        ]

    @property
    def height(self):
        return (len(self.figures) + 1) * self.row
