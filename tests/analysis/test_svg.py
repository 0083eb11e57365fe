"""The trend chart's legend: two short labels side by side, longer ones each on a line of their
own (they ran into the next marker), never clipped past what fits."""

from __future__ import annotations

import re

import pytest

from portal.analysis import svg

LEGEND = re.compile(
    r'<text x="([\d.]+)" y="([\d.]+)" text-anchor="start" font-size="12"[^>]*>([^<]*)<'
)


def _legend(labels: list[str]) -> list[tuple[float, float, str]]:
    series = [svg.Series(label, [(1, 40.0, 30.0, 50.0), (2, 60.0, 50.0, 70.0)]) for label in labels]
    drawn = svg.trend("t", "Titel", "Beschrijving", series, [1, 2])
    return [(float(x), float(y), text) for x, y, text in LEGEND.findall(drawn)]


def test_two_short_labels_share_a_line():
    (x1, y1, _a), (x2, y2, _b) = _legend(["eigen regie", "motivatie"])
    assert y1 == y2 and x2 > x1


@pytest.mark.parametrize(
    "labels",
    [
        ["De statushouder deed mee omdat…", "Wie had de regie?"],
        ["een", "twee", "drie"],
    ],
)
def test_a_long_label_or_a_third_series_stacks_the_legend(labels):
    drawn = _legend(labels)
    assert len({y for _x, y, _t in drawn}) == len(labels)
    assert drawn[0][2] == labels[0]  # room for the whole label
