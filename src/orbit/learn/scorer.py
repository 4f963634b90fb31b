"""The trained coder's model: per label, a probability from the candidate's named features.

Labels, one column each: `A01`..`A20`, an asserted event of that CAMEO root between the
candidate's parties in that direction; `F01`..`F20`, an act of that root the text mentions
but does not assert (negated, future, hypothetical, alleged, denied). Inputs are named
sparse features (learn/features.py), then `dense` context-vector dimensions. Each label's
logit is a linear part (one weight per feature, as in a logistic regression) plus a small
hidden layer shared by all labels, which learns conjunctions the named features do not
spell out ("this verb, with this actor on that side, under that cue") and lets rare roots
borrow from common ones. Stored as package data (`orbit/data/models/coder/`):
`weights.npz` (float16 weights, float32 biases) and `model.json` (feature names, columns,
thresholds, code table, training record). Prediction is NumPy only.

(One head per root beat a factored model, "is there an event" times "which root", on the
corpus's dev split: F1 0.42 against 0.37; the hidden layer beat the linear part alone,
0.53 against 0.51; train.py's docstring has the history.)
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import orjson

from ..errors import CoderModelError
from ..resources import data_path

MODEL_DIR = "models/coder"
ROOTS = tuple(f"{r:02d}" for r in range(1, 21))
COLUMNS = tuple(f"A{r}" for r in ROOTS) + tuple(f"F{r}" for r in ROOTS)


@dataclass
class Prediction:
    asserted: np.ndarray  # (n, 20): probability of an asserted event of each root
    unasserted: np.ndarray  # (n, 20): probability of a mentioned, unasserted act of each root


@dataclass
class PairScorer:
    features: dict[str, int]
    weights: np.ndarray  # (n_features + dense, columns): the linear part
    bias: np.ndarray  # (columns,)
    dense: int = 0  # context-vector dimensions after the named features
    thresholds: dict[str, float] = field(default_factory=lambda: {"asserted": 0.5, "unasserted": 0.5,
                                                                   "second_root": 0.7})
    codes: dict[str, str] = field(default_factory=dict)  # "root|lemma" and "root" -> most frequent gold code
    info: dict = field(default_factory=dict)
    hidden_in: np.ndarray | None = None  # (n_features + dense, hidden)
    hidden_bias: np.ndarray | None = None  # (hidden,)
    hidden_out: np.ndarray | None = None  # (hidden, columns)

    def __post_init__(self):
        # one gather over both input layers: a row's named features pick their rows once
        self._input = self.weights if self.hidden_in is None else np.hstack([self.weights, self.hidden_in])
        # the context vectors' rows, in the precision they are multiplied in (once, not per document)
        self._dense_input = self._input[len(self.features):].astype(np.float32)

    def logits(self, rows: list[list[str]], vectors: np.ndarray | None = None) -> np.ndarray:
        columns = len(self.bias)
        z = np.zeros((len(rows), self._input.shape[1]), dtype=np.float32)
        index = self.features
        # each named feature counts once in a row, as the trainer's matrix has it (train.matrix)
        ids: list[int] = []
        lengths = []
        for names in rows:
            before = len(ids)
            ids.extend({index[f] for f in names if f in index})
            lengths.append(len(ids) - before)
        if ids:
            lengths = np.asarray(lengths)
            filled = lengths > 0
            starts = np.concatenate([[0], np.cumsum(lengths[filled])[:-1]])
            z[filled] = np.add.reduceat(self._input[ids], starts, axis=0, dtype=np.float32)
        if self.dense and vectors is not None:
            z += vectors @ self._dense_input
        out = z[:, :columns] + self.bias
        if self.hidden_in is not None:
            out += np.maximum(z[:, columns:] + self.hidden_bias, 0) @ self.hidden_out
        return out

    def predict(self, rows: list[list[str]], vectors: np.ndarray | None = None) -> Prediction:
        p = 1 / (1 + np.exp(-self.logits(rows, vectors)))
        n = len(ROOTS)
        return Prediction(p[:, :n], p[:, n:])

    def code_for(self, root: str, lemma: str) -> str:
        return self.codes.get(f"{root}|{lemma}") or self.codes.get(root) or root

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        names = sorted(self.features, key=self.features.get)
        arrays = {"weights": self.weights.astype(np.float16), "bias": self.bias.astype(np.float32)}
        if self.hidden_in is not None:
            arrays.update(hidden_in=self.hidden_in.astype(np.float16), hidden_bias=self.hidden_bias.astype(np.float32),
                          hidden_out=self.hidden_out.astype(np.float32))
        # stored, not deflated: read at every start in half the time
        np.savez(folder / "weights.npz", **arrays)
        meta = {"columns": list(COLUMNS), "dense": self.dense, "thresholds": self.thresholds, "codes": self.codes,
                "info": self.info, "features": names}
        (folder / "model.json").write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")) + "\n",
                                           encoding="utf-8")

    @classmethod
    def load(cls, folder) -> PairScorer:
        folder = Path(str(folder))
        try:
            meta = orjson.loads((folder / "model.json").read_bytes())  # 3.6 MB: orjson reads it 5x faster
            arrays = np.load(folder / "weights.npz")
        except FileNotFoundError:
            raise CoderModelError("the trained event coder is missing from the package (orbit/data/models/coder); "
                                  "run `make train`, or use --coder rules") from None
        except (OSError, ValueError, EOFError, KeyError, orjson.JSONDecodeError) as err:
            raise CoderModelError(f"the trained event coder's files cannot be read ({err})", path=str(folder)) from None
        try:
            # the input layers stay float16 as stored (sums are taken in float32): converting
            # them cost 40 ms of every start
            weights, bias = arrays["weights"], arrays["bias"]
            hidden = ((arrays["hidden_in"], arrays["hidden_bias"], arrays["hidden_out"])
                      if "hidden_in" in arrays.files else (None, None, None))
        except (KeyError, ValueError, OSError) as err:
            raise CoderModelError(f"the trained event coder's weights cannot be read ({err})", path=str(folder)) from None
        inputs = len(meta["features"]) + meta["dense"]
        if tuple(meta.get("columns", ())) != COLUMNS or weights.shape != (inputs, len(COLUMNS)) or \
                (hidden[0] is not None and (hidden[0].shape[0] != inputs or
                                            hidden[2].shape != (hidden[0].shape[1], len(COLUMNS)))):
            raise CoderModelError("the trained event coder's files do not match each other or this orbit",
                                  path=str(folder))
        return cls({f: i for i, f in enumerate(meta["features"])}, weights, bias, meta["dense"],
                   meta["thresholds"], meta.get("codes", {}), meta.get("info", {}), *hidden)


@lru_cache(maxsize=2)
def load_model(folder: str | None = None) -> PairScorer:
    return PairScorer.load(folder or str(data_path(MODEL_DIR)))
