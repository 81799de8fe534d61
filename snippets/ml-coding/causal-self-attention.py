"""Drill: the forward pass of causal multi-head self-attention in NumPy.

The solution projects the inputs to queries, keys and values, splits them into heads, applies
scaled dot-product attention with a causal mask and a max-shifted softmax, merges the heads and
applies the output projection. The tests compare it with a reference written the slow way (one
head, one batch element and one position at a time, with SciPy's log-sum-exp), and check the
invariants: no position sees the future, attention rows are probability distributions, one head
equals the single-head matrix formula, and huge logits do not overflow.
"""

# %%
# Imports; the SciPy functions are used only by the tests, as an independent reference.
import os

import numpy as np
from scipy.special import logsumexp
from scipy.special import softmax as scipy_softmax

from _drill import run_tests

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution: batched, every head at once, no Python loop over positions.
# --8<-- [start:solution]
def stable_softmax(scores: np.ndarray, axis: int = -1) -> np.ndarray:
    """Softmax along `axis`, shifted by the maximum so that exp never overflows.

    Entries equal to -inf get probability 0; each slice along `axis` must hold at least one
    finite entry.
    """
    shifted = scores - scores.max(axis=axis, keepdims=True)
    weights = np.exp(shifted)
    return weights / weights.sum(axis=axis, keepdims=True)


def causal_self_attention(
    x: np.ndarray,
    w_q: np.ndarray,
    w_k: np.ndarray,
    w_v: np.ndarray,
    w_o: np.ndarray,
    n_heads: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Causal multi-head self-attention, forward pass, no biases.

    x: (batch, T, d_model). w_q, w_k, w_v, w_o: (d_model, d_model), applied as x @ w.
    Head h uses columns h * d_head to (h + 1) * d_head of the Q, K and V projections,
    with d_head = d_model // n_heads.
    Returns (out, weights): out (batch, T, d_model), and the attention weights
    (batch, n_heads, T, T), where weights[b, h, t, s] is how much position t attends to
    position s (zero for s > t; each row sums to 1).
    Raises ValueError if n_heads does not divide d_model.
    """
    batch, T, d_model = x.shape
    if n_heads < 1 or d_model % n_heads:
        raise ValueError(f"n_heads={n_heads} does not divide d_model={d_model}")
    d_head = d_model // n_heads

    def split_heads(a: np.ndarray) -> np.ndarray:  # (batch, T, d_model) -> (batch, heads, T, d_head)
        return a.reshape(batch, T, n_heads, d_head).transpose(0, 2, 1, 3)

    q, k, v = split_heads(x @ w_q), split_heads(x @ w_k), split_heads(x @ w_v)
    scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d_head)        # (batch, heads, T, T)
    future = np.triu(np.ones((T, T), dtype=bool), k=1)            # s > t
    weights = stable_softmax(np.where(future, -np.inf, scores))   # diagonal keeps every row finite
    heads = weights @ v                                           # (batch, heads, T, d_head)
    merged = heads.transpose(0, 2, 1, 3).reshape(batch, T, d_model)
    return merged @ w_o, weights
# --8<-- [end:solution]


# %%
# The tests. The reference below loops over batch elements, heads and positions and builds each
# softmax from SciPy's logsumexp; it shares no code with the solution.
# --8<-- [start:tests]
def reference_attention(x, w_q, w_k, w_v, w_o, n_heads):
    """Slow reference: position t of head h attends to positions 0..t only, one at a time."""
    batch, T, d_model = x.shape
    d_head = d_model // n_heads
    out = np.zeros_like(x)
    for b in range(batch):
        concat = np.zeros((T, d_model))
        for h in range(n_heads):
            cols = slice(h * d_head, (h + 1) * d_head)
            for t in range(T):
                q_t = x[b, t] @ w_q[:, cols]
                logits = np.array([q_t @ (x[b, s] @ w_k[:, cols]) for s in range(t + 1)])
                logits /= np.sqrt(d_head)
                p = np.exp(logits - logsumexp(logits))
                concat[t, cols] = sum(p[s] * (x[b, s] @ w_v[:, cols]) for s in range(t + 1))
        out[b] = concat @ w_o
    return out


def random_layer(rng, d_model, scale=None):
    scale = 1 / np.sqrt(d_model) if scale is None else scale
    return [rng.normal(0, scale, (d_model, d_model)) for _ in range(4)]


def test_worked_example():
    # Zero query projection: every score is 0, so position t averages the values of 0..t.
    x = np.array([[[3.0, 0.0], [1.0, 2.0], [2.0, 4.0]]])
    eye = np.eye(2)
    out, _ = causal_self_attention(x, np.zeros((2, 2)), eye, eye, eye, n_heads=1)
    print("cumulative means:", out[0].tolist())
    np.testing.assert_allclose(out[0], [[3.0, 0.0], [2.0, 1.0], [2.0, 2.0]], rtol=1e-12)


def test_matches_per_position_reference_on_random_inputs():
    # (batch, T, d_model, n_heads), from one token and one head to one dimension per head.
    shapes = [(1, 1, 4, 1), (2, 5, 8, 2), (3, 7, 12, 4), (2, 6, 6, 6), (1, 9, 16, 8)]
    worst, cases = 0.0, 0
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for batch, T, d_model, n_heads in shapes:
            x = rng.normal(size=(batch, T, d_model))
            layer = random_layer(rng, d_model)
            out, _ = causal_self_attention(x, *layer, n_heads)
            ref = reference_attention(x, *layer, n_heads)
            np.testing.assert_allclose(out, ref, rtol=1e-10, atol=1e-12)
            worst = max(worst, np.abs(out - ref).max())
            cases += 1
    assert worst < 1e-12
    print(f"equal to the per-position reference to 1e-12 on {cases} random cases")


def test_future_tokens_do_not_change_earlier_outputs():
    rng = np.random.default_rng(SEED + 100)
    batch, T, d_model = 2, 8, 12
    layer = random_layer(rng, d_model)
    x = rng.normal(size=(batch, T, d_model))
    out, _ = causal_self_attention(x, *layer, n_heads=3)
    for t in range(T):
        changed = x.copy()
        changed[:, t] = rng.normal(size=(batch, d_model))  # token t only: the future of 0..t-1
        out_changed, _ = causal_self_attention(changed, *layer, n_heads=3)
        np.testing.assert_allclose(out_changed[:, :t], out[:, :t], rtol=0, atol=1e-13)
        # ...while positions t..T-1, which attend to token t, do change.
        assert np.abs(out_changed[:, t:] - out[:, t:]).max(axis=-1).min() > 1e-6


def test_attention_rows_are_causal_distributions():
    rng = np.random.default_rng(SEED + 200)
    x = rng.normal(size=(3, 10, 16))
    _, weights = causal_self_attention(x, *random_layer(rng, 16), n_heads=4)
    assert weights.shape == (3, 4, 10, 10)
    np.testing.assert_allclose(weights.sum(axis=-1), 1.0, rtol=0, atol=1e-12)
    assert np.all(weights >= 0)
    assert np.all(weights[..., np.triu_indices(10, k=1)[0], np.triu_indices(10, k=1)[1]] == 0)
    assert np.all(weights[..., np.tril_indices(10)[0], np.tril_indices(10)[1]] > 0)


def test_one_head_equals_single_head_formula():
    # softmax(Q K^T / sqrt(d) + M) V W_o with M = -inf above the diagonal, for one head.
    rng = np.random.default_rng(SEED + 300)
    T, d = 7, 10
    x = rng.normal(size=(1, T, d))
    w_q, w_k, w_v, w_o = random_layer(rng, d)
    q, k, v = x[0] @ w_q, x[0] @ w_k, x[0] @ w_v
    mask = np.where(np.arange(T)[None, :] > np.arange(T)[:, None], -np.inf, 0.0)
    expected = scipy_softmax(q @ k.T / np.sqrt(d) + mask, axis=1) @ v @ w_o
    out, _ = causal_self_attention(x, w_q, w_k, w_v, w_o, n_heads=1)
    np.testing.assert_allclose(out[0], expected, rtol=1e-10, atol=1e-12)


def test_first_position_and_huge_logits():
    rng = np.random.default_rng(SEED + 400)
    d = 8
    layer = random_layer(rng, d)
    # A sequence of length 1 attends only to itself: out = x W_v W_o.
    x1 = rng.normal(size=(2, 1, d))
    out1, _ = causal_self_attention(x1, *layer, n_heads=2)
    np.testing.assert_allclose(out1, x1 @ layer[2] @ layer[3], rtol=1e-12, atol=1e-12)
    # Inputs scaled by 1e3 give logits near 1e6: exp(1e6) overflows without the max shift.
    x = 1e3 * rng.normal(size=(1, 6, d))
    q0, k0 = x[0] @ layer[0][:, :4], x[0] @ layer[1][:, :4]      # head 0, d_head = 4
    assert (q0 @ k0.T / 2).max() > 1e4
    # np.exp overflows above log(largest float): about 709.8 in float64, 88.7 in float32.
    assert round(np.log(np.finfo(np.float64).max), 1) == 709.8
    assert round(float(np.log(np.finfo(np.float32).max)), 1) == 88.7
    out, weights = causal_self_attention(x, *layer, n_heads=2)
    assert np.isfinite(out).all() and np.isfinite(weights).all()
    np.testing.assert_allclose(out, reference_attention(x, *layer, 2), rtol=1e-9, atol=1e-6)
    # Three masking traps from the page: a row with every entry masked gives 0/0 = NaN; masking
    # after the softmax, when a future score dominates the row, leaves 0/0 as well; and -1e9 used
    # as the mask value is already -inf in float16 (largest finite value 65504).
    with np.errstate(invalid="ignore", over="ignore"):
        row = np.full(3, -np.inf)
        assert np.isnan(np.exp(row - row.max())).all()
        post = scipy_softmax(np.array([0.0, 1000.0])) * np.array([1.0, 0.0])  # position 0, future masked after
        assert np.isnan(post / post.sum()).all()
        assert np.array(-1e9).astype(np.float16) == -np.inf and np.finfo(np.float16).max == 65504


def test_rejects_heads_that_do_not_divide_d_model():
    x = np.zeros((1, 3, 10))
    w = np.eye(10)
    try:
        causal_self_attention(x, w, w, w, w, n_heads=3)
    except ValueError:
        return
    raise AssertionError("n_heads=3 with d_model=10 should raise ValueError")
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
