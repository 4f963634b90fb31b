"""Fitting the pair scorer's weights (learn/scorer.py) to the labelled candidates.

The loss is each label's cross-entropy, counted only where the label is not left open
(weight 0: an optional gold event, an ambiguous side), plus a small L2 penalty; Adam on
mini-batches of candidates in an order drawn from the seed. NumPy and SciPy's sparse
products only: the run is deterministic on one machine and needs nothing beyond orbit's
own dependencies.
"""
from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

HIDDEN = 64  # 32 and 128 (with dropout) did no better on dev
LEARNING_RATE = 1e-3
L2 = 1e-4
BATCH = 256
START_BIAS = -3.0  # events are rare: every label starts unlikely
NEVER = -30.0  # the bias of a label too rare to learn, which is then never predicted
MIN_POSITIVES = 2


@dataclass
class Fitted:
    weights: np.ndarray  # (inputs, columns)
    bias: np.ndarray  # (columns,)
    hidden_in: np.ndarray  # (inputs, hidden)
    hidden_bias: np.ndarray  # (hidden,)
    hidden_out: np.ndarray  # (hidden, columns)


def epochs(x, y: np.ndarray, w: np.ndarray, seed: int, hidden: int = HIDDEN) -> Iterator[tuple[int, Fitted]]:
    """Train on x (candidates x inputs, sparse), y (labels, 0/1) and w (label weights);
    yield the epoch's number and a copy of the weights after each epoch."""
    rng = np.random.default_rng(seed)
    n, inputs = x.shape
    columns = y.shape[1]
    y, w = y.astype(np.float32), w.astype(np.float32)
    params = {
        "weights": np.zeros((inputs, columns), np.float32),
        "bias": np.full(columns, START_BIAS, np.float32),
        "hidden_in": (rng.standard_normal((inputs, hidden)) * 0.05).astype(np.float32),
        "hidden_bias": np.zeros(hidden, np.float32),
        "hidden_out": (rng.standard_normal((hidden, columns)) * 0.05).astype(np.float32),
    }
    rare = [j for j in range(columns) if y[w[:, j] > 0, j].sum() < MIN_POSITIVES]
    adam = _Adam(params)
    for epoch in range(1, 10_000):
        order = rng.permutation(n)
        for start in range(0, n, BATCH):
            rows = order[start:start + BATCH]
            adam.step(_gradients(params, x[rows], y[rows], w[rows]))
        fitted = Fitted(**{k: v.copy() for k, v in params.items()})
        fitted.bias[rare] = NEVER
        fitted.weights[:, rare] = 0
        fitted.hidden_out[:, rare] = 0
        yield epoch, fitted


def _gradients(p: dict[str, np.ndarray], xb, yb: np.ndarray, wb: np.ndarray) -> dict[str, np.ndarray]:
    below = xb @ p["hidden_in"] + p["hidden_bias"]
    h = np.maximum(below, 0)
    z = xb @ p["weights"] + p["bias"] + h @ p["hidden_out"]
    g = (1 / (1 + np.exp(-z)) - yb) * wb / len(yb)  # the loss's gradient at the logits
    xt = xb.T.tocsr()
    dh = (g @ p["hidden_out"].T) * (below > 0)
    return {"weights": np.asarray(xt @ g) + L2 * p["weights"], "bias": g.sum(axis=0),
            "hidden_in": np.asarray(xt @ dh) + L2 * p["hidden_in"], "hidden_bias": dh.sum(axis=0),
            "hidden_out": h.T @ g + L2 * p["hidden_out"]}


class _Adam:
    """Adam, updating each parameter in place: the same operations in the same order as the
    textbook form (so the same weights, bit for bit), without its temporaries, and the
    large parameters on two threads (NumPy lets go of the GIL inside its loops). The update
    touches every weight on every batch and was 70% of a fit's time."""

    def __init__(self, params: dict[str, np.ndarray], beta1: float = 0.9, beta2: float = 0.999):
        self.params, self.beta1, self.beta2, self.t = params, beta1, beta2, 0
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.scratch = {k: (np.empty_like(v), np.empty_like(v)) for k, v in params.items()}
        self.pool = ThreadPoolExecutor(max_workers=2)

    def step(self, grads: dict[str, np.ndarray]) -> None:
        self.t += 1
        work = []
        for k, g in grads.items():
            if g.size < 100_000:
                self._update(k, g, slice(None))
            else:  # halves of the rows, one a thread
                half = len(g) // 2
                work += [self.pool.submit(self._update, k, g, part) for part in (slice(0, half), slice(half, None))]
        for w in work:
            w.result()

    def _update(self, k: str, g: np.ndarray, rows: slice) -> None:
        b1, b2 = self.beta1, self.beta2
        m, v, p, g = self.m[k][rows], self.v[k][rows], self.params[k][rows], g[rows]
        change, scale = (a[rows] for a in self.scratch[k])
        m *= b1  # m = b1 * m + (1 - b1) * g
        np.multiply(g, 1 - b1, out=change)
        m += change
        v *= b2  # v = b2 * v + (1 - b2) * g * g
        np.multiply(g, 1 - b2, out=change)
        change *= g
        v += change
        np.divide(m, 1 - b1 ** self.t, out=change)  # p -= lr * m_hat / (sqrt(v_hat) + eps)
        change *= LEARNING_RATE
        np.divide(v, 1 - b2 ** self.t, out=scale)
        np.sqrt(scale, out=scale)
        scale += 1e-8
        change /= scale
        p -= change
