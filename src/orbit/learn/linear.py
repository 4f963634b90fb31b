"""The trained coder's model: one logistic regression per label over named features.

Labels, one column each: `A01`..`A20`, an asserted event of that CAMEO root between the
candidate's parties in that direction; `F01`..`F20`, an act of that root the text mentions
but does not assert (negated, future, hypothetical, alleged, denied). Rows are named
sparse features (learn/features.py), then `dense` context-vector dimensions. Stored as
package data (`orbit/data/models/coder/`): `weights.npz` (float16 weights, float32
biases) and `model.json` (feature names, columns, thresholds, code table, training
record). Prediction is NumPy; scikit-learn is needed only to train.

(One head per root beat a factored model, "is there an event" times "which root", on the
corpus's dev split: F1 0.42 against 0.37; train.py's docstring has the history.)
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
class LinearModel:
    features: dict[str, int]
    weights: np.ndarray  # (n_features + dense, columns)
    bias: np.ndarray  # (columns,)
    dense: int = 0  # context-vector dimensions after the named features
    thresholds: dict[str, float] = field(default_factory=lambda: {"asserted": 0.5, "unasserted": 0.5,
                                                                   "second_root": 0.7})
    codes: dict[str, str] = field(default_factory=dict)  # "root|lemma" and "root" -> most frequent gold code
    info: dict = field(default_factory=dict)

    def predict(self, rows: list[list[str]], vectors: np.ndarray | None = None) -> Prediction:
        z = np.empty((len(rows), len(self.bias)), dtype=np.float32)
        index = self.features
        for n, names in enumerate(rows):
            ids = [index[f] for f in names if f in index]
            z[n] = self.bias + (self.weights[ids].sum(axis=0, dtype=np.float32) if ids else 0.0)
        if self.dense and vectors is not None:
            z += vectors @ self.weights[len(index):]
        p = 1 / (1 + np.exp(-z))
        n = len(ROOTS)
        return Prediction(p[:, :n], p[:, n:])

    def code_for(self, root: str, lemma: str) -> str:
        return self.codes.get(f"{root}|{lemma}") or self.codes.get(root) or root

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        names = sorted(self.features, key=self.features.get)
        # stored, not deflated: 3.0 MB against 2.75 MB, and read at every start in half the time
        np.savez(folder / "weights.npz", weights=self.weights.astype(np.float16), bias=self.bias.astype(np.float32))
        meta = {"columns": list(COLUMNS), "dense": self.dense, "thresholds": self.thresholds, "codes": self.codes,
                "info": self.info, "features": names}
        (folder / "model.json").write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")) + "\n",
                                           encoding="utf-8")

    @classmethod
    def load(cls, folder) -> LinearModel:
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
            weights, bias = arrays["weights"].astype(np.float32), arrays["bias"]
        except (KeyError, ValueError, OSError) as err:
            raise CoderModelError(f"the trained event coder's weights cannot be read ({err})", path=str(folder)) from None
        if tuple(meta.get("columns", ())) != COLUMNS or \
                weights.shape != (len(meta["features"]) + meta["dense"], len(COLUMNS)):
            raise CoderModelError("the trained event coder's files do not match each other or this orbit",
                                  path=str(folder))
        return cls({f: i for i, f in enumerate(meta["features"])}, weights, bias, meta["dense"],
                   meta["thresholds"], meta.get("codes", {}), meta.get("info", {}))


@lru_cache(maxsize=2)
def load_model(folder: str | None = None) -> LinearModel:
    return LinearModel.load(folder or str(data_path(MODEL_DIR)))
