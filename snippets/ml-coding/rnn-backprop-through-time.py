"""Drill: a vanilla tanh RNN over one sequence, with a softmax cross-entropy loss at chosen time
steps, and its gradients by backpropagation through time (BPTT).

The forward pass stores every hidden state; the backward pass walks the sequence in reverse,
adding at each step the gradient from that step's output to the gradient arriving from the
future through the recurrent weights. The tests compare every gradient (all five parameter
arrays and the initial state) with central finite differences, check a worked example with
zero weights, saturated inputs, and that with small recurrent weights the gradient reaching
earlier hidden states shrinks geometrically.
"""

# %%
# Imports: NumPy only.
import os

import numpy as np

from _drill import run_tests

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution.
# --8<-- [start:solution]
def rnn_forward(params: dict, xs: np.ndarray, targets: np.ndarray, h0: np.ndarray) -> tuple[float, dict]:
    """Run h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h), logits_t = W_hy h_t + b_y over a sequence.

    params: "W_xh" (H, D), "W_hh" (H, H), "b_h" (H,), "W_hy" (V, H), "b_y" (V,).
    xs: (T, D) inputs; targets: (T,) class ids in [0, V), or -1 where a step has no loss;
    h0: (H,) initial state. Returns (loss, cache): loss is the sum over steps with a target of
    the softmax cross-entropy, computed stably; cache holds what the backward pass needs.
    """
    T = len(xs)
    hs = np.zeros((T + 1, len(h0)))
    hs[0] = h0
    probs = np.zeros((T, len(params["b_y"])))
    loss = 0.0
    for t in range(T):
        hs[t + 1] = np.tanh(params["W_xh"] @ xs[t] + params["W_hh"] @ hs[t] + params["b_h"])
        logits = params["W_hy"] @ hs[t + 1] + params["b_y"]
        shifted = logits - logits.max()            # no overflow in exp
        log_probs = shifted - np.log(np.exp(shifted).sum())
        probs[t] = np.exp(log_probs)
        if targets[t] >= 0:
            loss -= log_probs[targets[t]]
    return float(loss), {"xs": xs, "targets": targets, "hs": hs, "probs": probs}


def rnn_backward(params: dict, cache: dict) -> tuple[dict, np.ndarray]:
    """Full BPTT. Returns (grads, dh).

    grads has the keys of params plus "h0", each the gradient of the loss with respect to that
    array (same shape). dh has shape (T, H): row t is the total gradient of the loss with
    respect to the hidden state after step t, from its own output and from all later steps.
    Time O(T (H^2 + H D + V H)), memory O(T H) for the stored states.
    """
    xs, targets, hs, probs = cache["xs"], cache["targets"], cache["hs"], cache["probs"]
    grads = {name: np.zeros_like(value) for name, value in params.items()}
    dh = np.zeros((len(xs), hs.shape[1]))
    dh_next = np.zeros(hs.shape[1])  # gradient flowing into h_t from step t + 1
    for t in reversed(range(len(xs))):
        dlogits = probs[t].copy()
        if targets[t] >= 0:
            dlogits[targets[t]] -= 1.0     # softmax cross-entropy: p - onehot
        else:
            dlogits[:] = 0.0               # no loss at this step
        grads["W_hy"] += np.outer(dlogits, hs[t + 1])
        grads["b_y"] += dlogits
        dh[t] = params["W_hy"].T @ dlogits + dh_next
        da = dh[t] * (1.0 - hs[t + 1] ** 2)  # through tanh: tanh' = 1 - tanh^2
        grads["W_xh"] += np.outer(da, xs[t])
        grads["W_hh"] += np.outer(da, hs[t])
        grads["b_h"] += da
        dh_next = params["W_hh"].T @ da
    grads["h0"] = dh_next
    return grads, dh
# --8<-- [end:solution]


# %%
# The tests: the worked example, finite differences, saturation, vanishing gradients.
# --8<-- [start:tests]
def random_params(rng, D, H, V, scale=0.5):
    return {"W_xh": rng.normal(0, scale, (H, D)), "W_hh": rng.normal(0, scale, (H, H)),
            "b_h": rng.normal(0, scale, H), "W_hy": rng.normal(0, scale, (V, H)),
            "b_y": rng.normal(0, scale, V)}


def numerical_gradient(f, array, eps=1e-5):
    """Central differences of the scalar f() with respect to every entry of array (in place)."""
    grad = np.zeros_like(array)
    for i in np.ndindex(array.shape):
        old = array[i]
        array[i] = old + eps
        up = f()
        array[i] = old - eps
        down = f()
        array[i] = old
        grad[i] = (up - down) / (2 * eps)
    return grad


def test_worked_example():
    D, H, V = 2, 3, 4
    params = {"W_xh": np.zeros((H, D)), "W_hh": np.zeros((H, H)), "b_h": np.zeros(H),
              "W_hy": np.zeros((V, H)), "b_y": np.zeros(V)}
    xs, targets = np.ones((3, D)), np.array([1, 3, 0])
    loss, cache = rnn_forward(params, xs, targets, np.zeros(H))
    grads, _ = rnn_backward(params, cache)
    print(f"  loss {loss:.4f} (3 log 4 = {3 * np.log(4):.4f}); dL/db_y = {grads['b_y']}")
    assert np.isclose(loss, 3 * np.log(4), rtol=1e-12)
    np.testing.assert_allclose(grads["b_y"], [-0.25, -0.25, 0.75, -0.25], rtol=1e-12)
    for name in ("W_xh", "W_hh", "b_h", "W_hy", "h0"):
        assert not grads[name].any()


def test_all_gradients_match_finite_differences():
    worst = 0.0
    for seed in range(SEED, SEED + 3):
        rng = np.random.default_rng(seed)
        for T, D, H, V in [(1, 2, 3, 2), (5, 3, 4, 5), (12, 2, 5, 3)]:
            params = random_params(rng, D, H, V)
            xs, h0 = rng.normal(size=(T, D)), rng.normal(0, 0.5, H)
            targets = rng.integers(0, V, T)
            targets[rng.random(T) < 0.3] = -1  # some steps without a loss
            _, cache = rnn_forward(params, xs, targets, h0)
            grads, _ = rnn_backward(params, cache)
            for name, array in [*params.items(), ("h0", h0)]:
                numeric = numerical_gradient(lambda: rnn_forward(params, xs, targets, h0)[0], array)
                error = np.abs(grads[name] - numeric).max() / max(np.abs(numeric).max(), 1e-8)
                worst = max(worst, error)
    print(f"  largest relative error over all parameters, sizes and seeds: {worst:.1e}")
    assert worst < 2e-8


def test_saturated_units_and_steps_without_targets():
    rng = np.random.default_rng(SEED)
    params = random_params(rng, 3, 4, 5, scale=50.0)  # tanh saturates, logits in the hundreds
    xs, h0 = rng.normal(size=(6, 3)), np.zeros(4)
    loss, cache = rnn_forward(params, xs, rng.integers(0, 5, 6), h0)
    grads, _ = rnn_backward(params, cache)
    assert np.isfinite(loss) and all(np.all(np.isfinite(g)) for g in grads.values())
    loss, cache = rnn_forward(params, xs, np.full(6, -1), h0)  # no targets: zero loss and grads
    grads, dh = rnn_backward(params, cache)
    assert loss == 0.0 and not any(g.any() for g in grads.values()) and not dh.any()


def test_gradient_vanishes_with_small_recurrent_weights():
    # Loss at the last step only. Going back one step multiplies the gradient by
    # W_hh^T diag(1 - h^2), whose norm is at most ||W_hh||_2 = 0.5 here, so the gradient
    # reaching h_t must shrink at least geometrically as t moves away from the end.
    T, D, H, V = 30, 3, 8, 4
    for seed in range(SEED, SEED + 3):
        rng = np.random.default_rng(seed)
        params = random_params(rng, D, H, V)
        W = rng.normal(size=(H, H))
        params["W_hh"] = 0.5 * W / np.linalg.norm(W, 2)
        targets = np.full(T, -1)
        targets[-1] = 2
        _, cache = rnn_forward(params, rng.normal(size=(T, D)), targets, np.zeros(H))
        _, dh = rnn_backward(params, cache)
        norms = np.linalg.norm(dh, axis=1)[::-1]  # steps back from the end: 0, 1, 2, ...
        assert np.all(norms[1:] <= 0.5 * norms[:-1] * (1 + 1e-12))
        assert norms[-1] < 1e-12 * norms[0]  # the bound alone guarantees 0.5 ** 29, about 2e-9
        if seed == SEED:
            print("  steps back   |dL/dh|")
            for k in (0, 1, 2, 5, 10, 20, 29):
                print(f"  {k:>10}   {norms[k]:.2e}")
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
