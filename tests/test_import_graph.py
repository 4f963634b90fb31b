"""orbit's import graph, read from the source: no cycles, and the pipeline's stages import only
what comes before them (issue 18). Lazy imports inside functions count: they are imports too."""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# the pipeline's stages in the order a document passes through them; the foundation is what
# every stage may use (the data model, errors, settings, packaged files, the Doc's attributes)
FOUNDATION = {"errors", "resources", "model", "settings", "cache", "doc_extensions", "serialize", "evaluate"}
STAGES = [{"lexicon"}, {"clean"}, {"actors"}, {"events", "extract"}, {"learn"}, {"nlp"}, {"pipeline"}]
# programs over the whole pipeline that live beside the stage they serve
PROGRAMS = {"orbit.learn.train"}


def _modules() -> dict[str, Path]:
    out = {}
    for path in (SRC / "orbit").rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                found = ([target] if node.module else []) + [f"{target}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                found = [a.name for a in node.names]
            else:
                continue
            graph[name].update(t for t in found if t in modules and t != name)
    return graph


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_the_scan_sees_imports_of_every_kind():
    graph = _graph()
    assert "orbit.lexicon.actor_dictionary" in graph["orbit.lexicon.petrarch"]  # from .x import y
    assert "orbit.lexicon.actor_files" in graph["orbit.nlp.factories"]  # inside a function
    assert "orbit.learn.coder" in graph["orbit.nlp.factories"]


def test_no_module_imports_itself_through_others():
    graph = _graph()
    cycles = []
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for other in sorted(graph.get(module, ())):
            if state.get(other) == 1:
                cycles.append(path[path.index(other):] + [other])
            elif other not in state:
                visit(other, path + [other])
        state[module] = 2

    for module in sorted(_modules()):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_stages_import_only_earlier_stages_and_the_foundation():
    rank = {stage: n for n, group in enumerate(STAGES) for stage in group}
    wrong = []
    for module, targets in _graph().items():
        if module in PROGRAMS or _stage(module) not in rank:
            continue
        for target in targets:
            stage, other = _stage(module), _stage(target)
            if other == stage or other in FOUNDATION:
                continue
            if other not in rank or rank[other] >= rank[stage]:
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_the_foundation_imports_no_stage():
    stages = set().union(*STAGES)
    wrong = [f"{m} -> {t}" for m, ts in _graph().items() if _stage(m) in FOUNDATION
             for t in ts if _stage(t) in stages]
    assert wrong == []
