"""The offline base map: TopoJSON decoding, antimeridian handling, and the SVG the dashboard loads."""

from __future__ import annotations

import re

import pytest

from newsevents.web.basemap import WORLD_ATLAS, decode_arcs, rings, svg_path, unwrap, world_svg


def test_decode_quantised_arcs() -> None:
    topo = {"transform": {"scale": [0.5, 0.25], "translate": [-10, 20]},
            "arcs": [[[0, 0], [2, 4], [2, -4]], [[4, 0], [-4, 0]]],
            "objects": {"land": {"geometries": [{"type": "Polygon", "arcs": [[0, 1]]}]}}}
    assert decode_arcs(topo)[0] == [(-10, 20), (-9, 21), (-8, 20)]
    assert rings(topo, "land") == [[(-10, 20), (-9, 21), (-8, 20), (-10, 20)]]
    assert rings({**topo, "objects": {"land": {"geometries": [{"type": "Polygon", "arcs": [[~1, ~0]]}]}}},
                 "land")[0][0] == (-10, 20)


def test_antimeridian_rings_are_unwrapped_and_polar_rings_closed() -> None:
    fiji = [(179.0, -16.0), (-179.5, -16.5), (179.0, -17.0), (179.0, -16.0)]
    assert [lon for lon, _ in unwrap(fiji)] == [179.0, 180.5, 179.0, 179.0]
    assert svg_path(fiji).count("M") == 2  # drawn at both edges of the map
    polar = [(-180.0, -80.0), (-90.0, -75.0), (0.0, -70.0), (90.0, -75.0), (180.0, -80.0)]
    closed = unwrap(polar)
    assert closed[-2:] == [(180.0, -90.0), (-180.0, -90.0)]
    path = svg_path([(10.0, 10.0), (20.0, 10.0), (20.0, 20.0)])
    assert path == "M190,80L200,80L200,70Z"


@pytest.mark.skipif(not WORLD_ATLAS.exists(), reason="npm package world-atlas not installed (npm ci in web/)")
def test_world_svg_has_no_lines_across_the_map() -> None:
    svg = world_svg()
    assert svg.startswith("<svg") and 'viewBox="0 0 360 180"' in svg
    land = re.search(r'<path d="(M[^"]+)" fill="#d9d4c7"', svg).group(1)
    assert land.count("M") > 200  # ~177 countries, many with islands
    for sub in land.split("M")[1:]:
        pts = [tuple(map(float, p.split(","))) for p in sub.rstrip("Z").split("L")]
        # long steps are allowed only along the pole lines (y = 0 or 180), where Antarctica is closed
        steps = [abs(a[0] - b[0]) for a, b in zip(pts, pts[1:], strict=False) if not (a[1] == b[1] == 180)]
        assert max(steps, default=0) < 180, "a segment jumps across the map"
