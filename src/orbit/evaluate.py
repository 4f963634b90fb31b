"""Scoring coded events against gold: seed anchors and benchmark records.

Two gold shapes (../spec/README.md):
  - anchor gold: {"anchor", "source", "target", "roots", "kind": must|hard|forbidden}; an
    event matches when its sentence contains the anchor and its countries and root fit;
  - record gold: benchmark JSONL lines with "id" and "expected": [{"source", "target", "code"}]
    (PETRARCH/GSR style codes such as "USAGOV" are compared on their country prefix), or
    item gold (orbit's dev items, the annotated corpus) with "events" / "optional" / "forbidden".
Only asserted events count (negated and hypothetical ones are ignored), as in the
shared scorer.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .errors import InputError


def norm(s: Optional[str]) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", s).strip().lower()


def load_jsonl(path: str | Path) -> list[dict]:
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise InputError(f"line {n} is not valid JSON: {err.msg}", path=str(path)) from None
    return out


def country_of(actor) -> Optional[str]:
    if actor is None:
        return None
    if isinstance(actor, dict):
        return actor.get("country")
    return actor


def code_country(code: Optional[str]) -> Optional[str]:
    """Country part of a CAMEO actor code: "USAGOV" -> "USA", "---REB" -> None, "IGOUNO" -> None."""
    if not code:
        return None
    head = code[:3]
    if head in ("---", "IGO", "NGO", "IMG", "MNC", "INT", "UIS") or not head.isalpha():
        return None
    return head


def asserted(e: dict) -> bool:
    return not e.get("negated") and not e.get("hypothetical")


def root_of(e: dict) -> Optional[str]:
    r = e.get("root")
    if r:
        return str(r).zfill(2)[:2]
    c = str(e.get("cameo") or e.get("code") or "")
    return c[:2] if c else None


def fits_anchor(g: dict, e: dict) -> bool:
    if g["source"] != "*" and country_of(e.get("source")) != g["source"]:
        return False
    if g.get("target") != "*" and country_of(e.get("target")) != g.get("target"):
        return False
    return root_of(e) in g["roots"]


def _shadowed(trap: dict, events: list[dict]) -> bool:
    return any(e["source"] == trap["source"] and e.get("target") == trap.get("target")
               and set(e["roots"]) & set(trap["roots"]) for e in events)


def shadowed_traps(item: dict) -> list[dict]:
    """The item's forbidden entries that a required entry of the same pair shares a root with
    ("detained" required TUR->TUR 17, "would pay a heavy price" forbidden TUR->TUR 17): at
    item level (CODING.md's scoring) the one event cannot be told from the other, so the
    correct event also counts as the trap. A property of the gold alone."""
    return [f for f in item.get("forbidden", []) if _shadowed(f, item.get("events", []))]


def without_shadowed_traps(item: dict) -> dict:
    """The item less its shadowed traps (`shadowed_traps`): what a coder can be taught and
    bounded by."""
    shadowed = shadowed_traps(item)
    return dict(item, forbidden=[f for f in item["forbidden"] if f not in shadowed]) if shadowed else item


@dataclass
class Report:
    title: str
    lines: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    numbers: dict = field(default_factory=dict)

    def render(self, show: int = 20) -> str:
        out = [self.title, *self.lines]
        if self.misses:
            out.append(f"misses ({len(self.misses)}):")
            out += [f"  {m}" for m in self.misses[:show]]
        if self.extras:
            out.append(f"extras ({len(self.extras)}):")
            out += [f"  {m}" for m in self.extras[:show]]
        return "\n".join(out)


def score_anchor(events: list[dict], gold: list[dict]) -> Report:
    ev = [(norm(e.get("sentence")), e) for e in events if asserted(e)]
    counts = {"must": [0, 0], "hard": [0, 0]}
    traps = [0, 0]
    rep = Report("anchor gold")
    for g in gold:
        a = norm(g["anchor"])
        hits = [e for s, e in ev if a in s and fits_anchor(g, e)]
        if g["kind"] == "forbidden":
            traps[1] += 1
            if hits:
                traps[0] += 1
                rep.extras.append(f"TRAP asserted: {g['anchor']}")
        else:
            counts[g["kind"]][1] += 1
            if hits:
                counts[g["kind"]][0] += 1
            else:
                rep.misses.append(f"{g['kind']}: {g['source']}->{g['target']} {g['roots']} @ {g['anchor']}")
    rep.numbers = {"must": counts["must"], "hard": counts["hard"], "traps": traps}
    rep.lines.append(f"must: {counts['must'][0]}/{counts['must'][1]}  hard: {counts['hard'][0]}/{counts['hard'][1]}  "
                     f"traps asserted: {traps[0]}/{traps[1]}")
    return rep


def score_records(events: list[dict], records: list[dict]) -> Report:
    """Benchmark records with expected (source, target, code) per record id."""
    by_doc: dict[str, list[dict]] = {}
    for e in events:
        if asserted(e):
            by_doc.setdefault(str(e.get("doc_id")), []).append(e)
    n_exp = dyad_root = exact = root_only = 0
    extra = 0
    no_event_records = no_event_clean = 0
    rep = Report("record gold")
    for r in records:
        rid = str(r["id"])
        sys_ev = by_doc.get(rid, [])
        expected = r.get("expected") or []
        if not expected:
            no_event_records += 1
            if not sys_ev:
                no_event_clean += 1
            else:
                rep.extras.append(f"{rid}: expected no event, got " + ", ".join(_ev_str(e) for e in sys_ev[:3]))
            continue
        used = set()
        for g in expected:
            n_exp += 1
            gs, gt, code = code_country(g.get("source")), code_country(g.get("target")), str(g.get("code"))
            cand = [i for i, e in enumerate(sys_ev) if root_of(e) == code[:2]]
            if cand:
                root_only += 1
            dyad = [i for i in cand if (gs is None or country_of(e_src(sys_ev[i])) == gs)
                    and (gt is None or country_of(e_tgt(sys_ev[i])) == gt)]
            if dyad:
                dyad_root += 1
                if any(str(sys_ev[i].get("cameo")) == code for i in dyad):
                    exact += 1
                used.update(dyad)
            else:
                rep.misses.append(f"{rid}: {g.get('source')}->{g.get('target')} {code} | got "
                                  + (", ".join(_ev_str(e) for e in sys_ev[:4]) or "nothing") + f" | {r.get('text', '')[:100]}")
        extra += sum(1 for i in range(len(sys_ev)) if i not in used)
    pct = lambda a, b: f"{100 * a / b:.1f}%" if b else "n/a"
    rep.numbers = {"expected": n_exp, "dyad_root": dyad_root, "exact": exact, "root_any_dyad": root_only,
                   "extra_events": extra, "records": len(records), "no_event_records": no_event_records,
                   "no_event_clean": no_event_clean}
    rep.lines += [
        f"records: {len(records)}  expected events: {n_exp}",
        f"country-dyad + root: {dyad_root}/{n_exp} ({pct(dyad_root, n_exp)})",
        f"exact code (with dyad): {exact}/{n_exp} ({pct(exact, n_exp)})",
        f"root found (any dyad): {root_only}/{n_exp} ({pct(root_only, n_exp)})",
        f"extra asserted events: {extra} ({extra / max(len(records), 1):.2f} per record)",
        f"no-event records left clean: {no_event_clean}/{no_event_records}",
    ]
    return rep


def e_src(e: dict):
    return e.get("source")


def e_tgt(e: dict):
    return e.get("target")


def _ev_str(e: dict) -> str:
    return f"{country_of(e.get('source'))}->{country_of(e.get('target'))} {e.get('cameo')}"


def historical(e: dict, item_date, days: int = 90) -> bool:
    """An event the system dated more than `days` before the item's date: background history,
    neither a false positive nor a trap (CODING.md's scoring)."""
    from datetime import date

    d = str(e.get("date") or "")
    if not d or not item_date:
        return False
    try:
        y = int(d[:4]); m = int(d[5:7]) if len(d) >= 7 else 12; dd = int(d[8:10]) if len(d) >= 10 else 28
        iy, im, idd = (int(x) for x in item_date[:10].split("-"))
        return (date(iy, im, idd) - date(y, m, dd)).days > days
    except ValueError:
        return False


def score_items(events: list[dict], items: list[dict]) -> Report:
    """Items: precision and recall with optional events and traps (the shared scorer's rules)."""
    by_doc: dict[str, list[dict]] = {}
    for e in events:
        if asserted(e):
            by_doc.setdefault(str(e.get("doc_id")), []).append(e)

    tp = fp = fn = trap = traps = 0
    rep = Report("items")
    for it in items:
        sys_ev = list(by_doc.get(str(it["id"]), []))
        used = set()
        for g in it.get("events", []):
            j = next((i for i, e in enumerate(sys_ev) if i not in used and fits_anchor(g, e)), None)
            if j is None:
                fn += 1
                rep.misses.append(f"{it['id']}: {g['source']}->{g['target']} {g['roots']} | got "
                                  + (", ".join(_ev_str(e) for e in sys_ev[:4]) or "nothing") + f" | {it['text'][:90]}")
            else:
                used.add(j)
                tp += 1
        for i, e in enumerate(sys_ev):
            if i in used or historical(e, it.get("date")):
                continue
            if any(fits_anchor(g, e) for g in it.get("optional", []) + it.get("events", [])):
                continue
            fp += 1
            rep.extras.append(f"{it['id']}: {_ev_str(e)} [{e.get('rule')}] | {e.get('sentence', '')[:90]}")
        for g in it.get("forbidden", []):
            traps += 1
            if any(fits_anchor(g, e) and not historical(e, it.get("date")) for e in sys_ev):
                trap += 1
                rep.extras.append(f"{it['id']}: TRAP {g}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    rep.numbers = {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                   "trap_hits": trap, "traps": traps}
    rep.lines.append(f"precision: {p:.3f}  recall: {r:.3f}  f1: {f:.3f}  (tp {tp}, fp {fp}, fn {fn})  "
                     f"traps asserted: {trap}/{traps}")
    return rep


def evaluate(events: list[dict], gold: list[dict]) -> Report:
    if not gold:
        raise InputError("the gold file is empty")
    if "anchor" in gold[0]:
        return score_anchor(events, gold)
    if "expected" in gold[0]:
        return score_records(events, gold)
    if "events" in gold[0]:
        return score_items(events, gold)
    raise InputError("cannot tell the gold format: expected anchor, expected or events fields")


def evaluate_files(events_file: str, gold_file: str) -> Report:
    return evaluate(load_jsonl(events_file), load_jsonl(gold_file))
