"""The dashboard's offline world base map: Natural Earth country outlines (npm ``world-atlas``) -> one SVG.

TopoJSON is decoded here (quantised, delta-encoded arcs -> lon/lat rings) and drawn in an equirectangular
projection, x = lon + 180, y = 90 - lat, so the browser places an event at (lon + 180, 90 - lat) with no
projection code. Without the npm package the map shows a graticule only.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

WORLD_ATLAS = Path(__file__).parent / "node_modules" / "world-atlas" / "countries-110m.json"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc of a TopoJSON topology as absolute (lon, lat) points."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points = []
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(p[0], p[1]) for p in arc]
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for i in indices:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]  # a negative index means the arc reversed
        ring.extend(pts[1:] if ring else pts)  # consecutive arcs share their joining point
    return ring


def rings(topology: dict, layer: str = "countries") -> list[list[tuple[float, float]]]:
    """All polygon rings of one layer (Polygon and MultiPolygon geometries)."""
    arcs = decode_arcs(topology)
    out: list[list[tuple[float, float]]] = []
    for geom in topology["objects"][layer]["geometries"]:
        if geom.get("type") == "Polygon":
            polygons = [geom["arcs"]]
        elif geom.get("type") == "MultiPolygon":
            polygons = geom["arcs"]
        else:
            continue
        for polygon in polygons:
            out.extend(_ring(r, arcs) for r in polygon)
    return out


def unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Make longitudes continuous across the antimeridian; a ring around a pole is closed along that pole."""
    if not ring:
        return ring
    out = [ring[0]]
    for lon, lat in ring[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while lon - prev < -180:
            lon += 360
        out.append((lon, lat))
    if abs(out[-1][0] - out[0][0]) > 180:  # encircles a pole (Antarctica): go round by the pole line
        pole = -90.0 if sum(lat for _, lat in out) < 0 else 90.0
        out += [(out[-1][0], pole), (out[0][0], pole)]
    return out


def _path(ring: list[tuple[float, float]], shift: float) -> str:
    parts = []
    last = None
    for lon, lat in ring:
        pt = (round(lon + shift + 180, 1), round(90 - lat, 1))
        if pt != last:
            parts.append(f"{pt[0]:g},{pt[1]:g}")
            last = pt
    return "M" + "L".join(parts) + "Z" if len(parts) > 2 else ""


def svg_path(ring: list[tuple[float, float]]) -> str:
    """SVG path data (equirectangular, 1 unit = 1 degree, 0.1 degree rounding) for one ring.

    A ring crossing the antimeridian is drawn again shifted by 360 degrees; the viewBox clips the overflow.
    """
    ring = unwrap(ring)
    lons = [lon for lon, _ in ring]
    shifts = [0.0]
    if min(lons, default=0) < -180:
        shifts.append(360.0)
    if max(lons, default=0) > 180:
        shifts.append(-360.0)
    return "".join(_path(ring, s) for s in shifts)


@lru_cache(maxsize=1)
def world_svg() -> str:
    """The base map as a standalone SVG document (viewBox 0 0 360 180): graticule plus country outlines."""
    grid = "".join(f"M{x},0V180" for x in range(0, 361, 30)) + "".join(f"M0,{y}H360" for y in range(0, 181, 30))
    land = ""
    if WORLD_ATLAS.exists():
        topology = json.loads(WORLD_ATLAS.read_text(encoding="utf-8"))
        land = "".join(svg_path(r) for r in rings(topology))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180" preserveAspectRatio="xMidYMid meet">'
        '<clipPath id="frame"><rect width="360" height="180"/></clipPath>'
        '<rect width="360" height="180" fill="#eef4f8"/>'
        f'<path d="{grid}" fill="none" stroke="#d5e1ea" stroke-width="0.2"/>'
        f'<path d="{land}" fill="#d9d4c7" stroke="#a89f8c" stroke-width="0.15" fill-rule="evenodd" '
        'clip-path="url(#frame)"/>'
        "</svg>"
    )
