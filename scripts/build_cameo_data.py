"""Build orbit's CAMEO and PLOVER tables from the public reference files.

Developer tool, not part of the package: it reads ../shared/benchmarks (the CAMEO
codebook tables and the CAMEO-to-PLOVER 2021 mapping) and writes
src/orbit/data/cameo/codes.tsv and src/orbit/data/cameo/plover.tsv. Run it again when
the reference tables change; the package itself only reads the written files.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "benchmarks"
OUT = ROOT / "src" / "orbit" / "data" / "cameo"

QUAD_BY_ROOT = {**{f"{r:02d}": 1 for r in range(1, 6)}, **{f"{r:02d}": 2 for r in range(6, 9)},
                **{f"{r:02d}": 3 for r in range(9, 14)}, **{f"{r:02d}": 4 for r in range(14, 21)}}

# PLOVER has no statement category; appeals (02x) are REQUEST in PLOVER's own manual
# although the 2021 table leaves them out. These rows are orbit's additions.
APPEAL_MODES = {"021": "assist", "022": "assist", "023": "assist", "024": "change",
                "025": "yield", "026": "meet", "027": "meet", "028": "meet", "020": ""}


def clean(text: str) -> str:
    return " ".join((text or "").replace("\u00d2", "'").replace("\u00d3", "'").split())


def build_codes() -> list[dict]:
    rows = []
    with open(SHARED / "cameo_codebook" / "cameo_eventcodes_merged.tsv", encoding="utf-8") as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            code = rec["code"]
            # GDELT's Goldstein values are the ones GDELT users compare against; ICEWS fills gaps.
            gold = rec["goldstein_gdelt"] or rec["goldstein_icews"]
            name = rec["name_icews"] or rec["name_gdelt"]
            rows.append({"code": code, "root": code[:2], "level": rec["level"], "name": clean(name),
                         "goldstein": f"{float(gold):.1f}", "quad_class": QUAD_BY_ROOT[code[:2]],
                         "description": clean(rec["description"])})
    return rows


def build_plover(codes: list[dict]) -> list[dict]:
    table = {}
    with open(SHARED / "plover" / "cameo2plover_2021.tsv", encoding="utf-8") as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            code = rec["cameo_code"]
            if not code.isdigit():
                continue
            table.setdefault(code, {"cameo": code, "event": rec["plover_event"], "mode": rec["plover_mode"],
                                    "context": rec["plover_context"].replace(",", ";")})
    for row in codes:
        code = row["code"]
        if code in table:
            continue
        if code.startswith("02"):
            mode = APPEAL_MODES.get(code[:3], "")
            table[code] = {"cameo": code, "event": "REQUEST", "mode": mode, "context": ""}
        elif not code.startswith("01"):
            # four-digit codes missing from the table inherit their three-digit parent
            parent = table.get(code[:3]) or table.get(code[:2])
            if parent:
                table[code] = dict(parent, cameo=code)
    return [table[c] for c in sorted(table)]


def write(path: Path, rows: list[dict], fields: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    codes = build_codes()
    write(OUT / "codes.tsv", codes, ["code", "root", "level", "name", "goldstein", "quad_class", "description"])
    plover = build_plover(codes)
    write(OUT / "plover.tsv", plover, ["cameo", "event", "mode", "context"])
    print(f"{len(codes)} CAMEO codes, {len(plover)} PLOVER mappings written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
