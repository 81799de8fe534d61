"""Drill: one step of Adam with bias correction, and AdamW's decoupled weight decay, in NumPy.

The tests compare the vectorised step with a reference written out element by element in plain
Python floats, and with the second form given by Kingma and Ba (a step size that absorbs the
bias corrections, with a rescaled epsilon). They check that the first step moves every coordinate
by the learning rate whatever the gradient's scale, that Adam minimises an ill-conditioned convex
quadratic, that multiplying the loss by a constant does not change the steps, and that an L2
penalty added to the gradient is not the same as decoupled weight decay.
"""

# %%
# Imports: the references below use only the standard library's math module.
import math
import os

import numpy as np

from _drill import run_tests

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution: one pure function; the caller keeps theta, m, v and the step count t.
# --8<-- [start:solution]
def adam_step(theta: np.ndarray, grad: np.ndarray, m: np.ndarray, v: np.ndarray, t: int,
              lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8,
              weight_decay: float = 0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One step of Adam (weight_decay = 0) or AdamW (decoupled weight decay).

    theta, grad, m, v: arrays of one shape; m and v are the first and second moment estimates
    (zeros before the first step); t is the 1-based number of this step.
    Update: m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g^2;
    m_hat = m / (1 - beta1^t);  v_hat = v / (1 - beta2^t);
    theta = theta - lr * weight_decay * theta - lr * m_hat / (sqrt(v_hat) + eps)
    (the decay is scaled by lr, as in PyTorch's AdamW).
    Returns new (theta, m, v); the inputs are not modified. Raises ValueError if t < 1.
    """
    if t < 1:
        raise ValueError("t counts steps from 1; bias correction divides by 1 - beta ** t")
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad * grad
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    theta = theta - lr * weight_decay * theta - lr * m_hat / (np.sqrt(v_hat) + eps)
    return theta, m, v
# --8<-- [end:solution]


# %%
# The tests. Two references: a scalar loop in Python floats (decay applied first, as PyTorch
# does), and Kingma and Ba's reformulation with step size lr * sqrt(1 - beta2^t) / (1 - beta1^t)
# and epsilon rescaled by sqrt(1 - beta2^t), which is algebraically the same update.
# --8<-- [start:tests]
def scalar_loop_reference(theta, grads, lr, beta1, beta2, eps, weight_decay):
    theta = [float(a) for a in np.ravel(theta)]
    m, v = [0.0] * len(theta), [0.0] * len(theta)
    for t, g_array in enumerate(grads, start=1):
        g = np.ravel(g_array)
        for i in range(len(theta)):
            theta[i] *= 1.0 - lr * weight_decay
            m[i] = beta1 * m[i] + (1.0 - beta1) * g[i]
            v[i] = beta2 * v[i] + (1.0 - beta2) * g[i] ** 2
            theta[i] -= lr * (m[i] / (1.0 - beta1 ** t)) / (math.sqrt(v[i] / (1.0 - beta2 ** t)) + eps)
    return np.array(theta), np.array(m), np.array(v)


def step_size_reference(theta, grads, lr, beta1, beta2, eps, weight_decay):
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    for t, g in enumerate(grads, start=1):
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        alpha_t = lr * math.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
        eps_hat = eps * math.sqrt(1 - beta2 ** t)
        theta = theta * (1 - lr * weight_decay) - alpha_t * m / (np.sqrt(v) + eps_hat)
    return theta


def run_adam(theta, grads, **hyper):
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    for t, g in enumerate(grads, start=1):
        theta, m, v = adam_step(theta, g, m, v, t, **hyper)
    return theta, m, v


def random_problem(rng, shape, n_steps):
    theta = rng.normal(size=shape)
    scales = 10.0 ** rng.uniform(-3, 3, size=shape)        # gradients of very different sizes
    grads = [scales * rng.normal(size=shape) for _ in range(n_steps)]
    hyper = dict(lr=10 ** rng.uniform(-4, -1), beta1=rng.choice([0.0, 0.9, 0.95]),
                 beta2=rng.choice([0.99, 0.999]), eps=rng.choice([1e-8, 1e-6]),
                 weight_decay=rng.choice([0.0, 0.01, 0.1]))
    return theta, grads, hyper


def test_worked_example():
    theta, m, v = adam_step(np.array([1.0, -2.0]), np.array([0.5, -3.0]), np.zeros(2), np.zeros(2), t=1, lr=0.1)
    print("after one step:", theta.round(6).tolist(), "| m:", m.round(6).tolist(), "| v:", v.round(6).tolist())
    np.testing.assert_allclose(theta, [0.9, -1.9], rtol=1e-7)
    np.testing.assert_allclose(m, [0.05, -0.3], rtol=1e-12)
    np.testing.assert_allclose(v, [0.00025, 0.009], rtol=1e-12)


def test_matches_scalar_loop_reference():
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for shape in [(1,), (7,), (4, 5), (2, 3, 2)]:
            theta0, grads, hyper = random_problem(rng, shape, n_steps=40)
            theta, m, v = run_adam(theta0, grads, **hyper)
            ref_theta, ref_m, ref_v = scalar_loop_reference(theta0, grads, **hyper)
            assert theta.shape == shape
            np.testing.assert_allclose(theta.ravel(), ref_theta, rtol=1e-11, atol=1e-13)
            np.testing.assert_allclose(m.ravel(), ref_m, rtol=1e-12)
            np.testing.assert_allclose(v.ravel(), ref_v, rtol=1e-12)


def test_matches_step_size_formulation():
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed + 1000)
        theta0, grads, hyper = random_problem(rng, (6, 3), n_steps=60)
        np.testing.assert_allclose(run_adam(theta0, grads, **hyper)[0], step_size_reference(theta0, grads, **hyper),
                                   rtol=1e-11, atol=1e-13)


def test_bias_correction_makes_steps_about_lr():
    rng = np.random.default_rng(SEED + 100)
    lr = 1e-3
    grad = rng.choice([-1, 1], size=9) * 10.0 ** np.arange(-4, 5)     # 1e-4 ... 1e4
    theta, m, v = adam_step(np.zeros(9), grad, np.zeros(9), np.zeros(9), t=1, lr=lr)
    # First step: |step| = lr |g| / (|g| + eps), within eps / |g| <= 1e-4 of lr, for every scale.
    np.testing.assert_allclose(np.abs(theta), lr, rtol=1.01e-4)
    assert np.all(np.sign(theta) == -np.sign(grad))
    # Without the corrections the first step would be (1 - beta1) / sqrt(1 - beta2) = 3.16 times lr.
    uncorrected = lr * np.abs(m) / (np.sqrt(v) + 1e-8) / lr
    print(f"first step without bias correction: {uncorrected[4:].mean():.2f} x lr")
    np.testing.assert_allclose(uncorrected[4:], 0.1 / math.sqrt(0.001), rtol=1e-6)
    # A constant gradient keeps m_hat = g and v_hat = g^2 exactly, so every step is lr.
    g = rng.choice([-1, 1], size=5) * rng.uniform(0.5, 2.0, size=5)
    theta, m, v = np.zeros(5), np.zeros(5), np.zeros(5)
    for t in range(1, 101):
        new_theta, m, v = adam_step(theta, g, m, v, t, lr=lr)
        np.testing.assert_allclose(np.abs(new_theta - theta), lr, rtol=1e-6)
        theta = new_theta


def test_minimises_an_ill_conditioned_quadratic():
    # f(theta) = 0.5 (theta - c)^T A (theta - c), A rotated with eigenvalues from 1e-2 to 10.
    rng = np.random.default_rng(SEED + 200)
    d = 10
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    a = q @ np.diag(np.logspace(-2, 1, d)) @ q.T
    c = rng.normal(size=d)
    f = lambda th: 0.5 * (th - c) @ a @ (th - c)
    theta, m, v = rng.normal(size=d), np.zeros(d), np.zeros(d)
    f0 = f(theta)
    for t in range(1, 5001):                           # full-batch gradients, constant lr
        theta, m, v = adam_step(theta, a @ (theta - c), m, v, t, lr=0.05)
    print(f"quadratic, 5000 steps: f / f0 = {f(theta) / f0:.0e}, distance to the minimiser "
          f"{np.linalg.norm(theta - c):.0e}")
    assert f(theta) < 1e-4 * f0 and np.linalg.norm(theta - c) < 2e-2
    if SEED == 0:  # this draw happens to converge to machine precision (the page says so)
        assert f(theta) < 1e-30 * f0


def test_invariant_to_the_scale_of_the_loss():
    # Multiplying the loss by 1000 multiplies every gradient by 1000; Adam's steps do not change
    # (up to eps), whereas a plain gradient step would be 1000 times larger.
    rng = np.random.default_rng(SEED + 300)
    theta0, grads, hyper = random_problem(rng, (8,), n_steps=30)
    hyper.update(eps=1e-12, weight_decay=0.0)
    small = run_adam(theta0, grads, **hyper)[0]
    large = run_adam(theta0, [1000.0 * g for g in grads], **hyper)[0]
    np.testing.assert_allclose(large, small, rtol=1e-6, atol=1e-9)


def test_l2_in_the_gradient_is_not_decoupled_weight_decay():
    lr, n_steps = 1e-2, 100
    theta0 = np.array([2.0, -0.5, 10.0])
    for wd in (1e-4, 1e-1):
        # A loss with zero gradient isolates the regulariser. AdamW shrinks geometrically...
        theta, m, v = theta0, np.zeros(3), np.zeros(3)
        for t in range(1, n_steps + 1):
            theta, m, v = adam_step(theta, np.zeros(3), m, v, t, lr=lr, weight_decay=wd)
        np.testing.assert_allclose(theta, theta0 * (1 - lr * wd) ** n_steps, rtol=1e-12)
        # ...while an L2 penalty fed through Adam's normalisation moves each weight by about lr
        # per step, whatever its size and whatever wd is.
        first, _, _ = adam_step(theta0, wd * theta0, np.zeros(3), np.zeros(3), t=1, lr=lr)
        np.testing.assert_allclose(np.abs(first - theta0), lr, rtol=1e-3)
    print(f"zero loss, lr 0.01: AdamW with wd 0.1 keeps {(1 - lr * 0.1) ** n_steps:.3f} of each weight "
          "after 100 steps; L2 through Adam moves every weight by lr at the first step, for wd 1e-4 or 0.1")


def test_edge_cases():
    theta = np.array([1.0, 2.0])
    m, v = np.zeros(2), np.zeros(2)
    # A zero gradient from a fresh state is 0 / (0 + eps): no step, no NaN.
    new_theta, new_m, new_v = adam_step(theta, np.zeros(2), m, v, t=1)
    np.testing.assert_array_equal(new_theta, theta)
    # Inputs are not modified in place.
    adam_step(theta, np.array([3.0, -1.0]), m, v, t=1)
    np.testing.assert_array_equal(theta, [1.0, 2.0])
    np.testing.assert_array_equal(m, 0.0)
    np.testing.assert_array_equal(v, 0.0)
    try:
        adam_step(theta, np.ones(2), m, v, t=0)
    except ValueError:
        return
    raise AssertionError("t=0 should raise ValueError")
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
