"""Drill: collaborative filtering by alternating least squares (ALS), with an L2 penalty and a
squared error counted on the observed entries only.

With the item factors fixed, each user's factor is the solution of a small ridge regression on
the items that user rated, and vice versa; the solution solves the k x k normal equations of
each one with np.linalg.solve. The tests check each half-step against SciPy's least-squares
solver applied to the equivalent augmented system, check that the objective never increases,
that entries outside the mask are ignored, that users and items without ratings get zero
factors, and that on a synthetic low-rank matrix ALS predicts held-out entries far better than
the item-mean baseline.
"""

# %%
# Imports; SciPy is the reference solver and appears only in the tests.
import os

import numpy as np
from scipy.linalg import lstsq

from _drill import run_tests

SEED = int(os.environ.get("SNIPPET_SEED", "0"))


# %%
# The solution.
# --8<-- [start:solution]
def als_half_step(R: np.ndarray, mask: np.ndarray, V: np.ndarray, lam: float) -> np.ndarray:
    """The best row factors U for fixed column factors V.

    R: (n, m) ratings, read only where mask (n, m, bool) is True; V: (m, k); lam > 0.
    Row u of the result minimises sum over observed j of (R[u, j] - U[u] . V[j])^2
    + lam * ||U[u]||^2, that is U[u] = (V_u^T V_u + lam I)^{-1} V_u^T r_u, where V_u holds the rows
    of V for the columns u observed. A row with no observed entry gets zeros. Called with R.T,
    mask.T and U, it updates the column factors. Time O(n m) to scan the mask, plus
    O(|observed| k^2 + n k^3).
    """
    n, k = R.shape[0], V.shape[1]
    U = np.zeros((n, k))
    for u in range(n):
        cols = np.flatnonzero(mask[u])
        if cols.size == 0:
            continue
        Vu = V[cols]
        U[u] = np.linalg.solve(Vu.T @ Vu + lam * np.eye(k), Vu.T @ R[u, cols])
    return U


def als_objective(R: np.ndarray, mask: np.ndarray, U: np.ndarray, V: np.ndarray, lam: float) -> float:
    """Squared error over the observed entries plus lam * (||U||_F^2 + ||V||_F^2)."""
    residual = np.where(mask, R - U @ V.T, 0.0)  # unobserved entries (even NaN) contribute 0
    return float(np.sum(residual**2) + lam * (np.sum(U**2) + np.sum(V**2)))


def als(R: np.ndarray, mask: np.ndarray, rank: int, lam: float, n_iters: int,
        seed: int | None = None) -> tuple[np.ndarray, np.ndarray, list[float]]:
    """Factorise R ~ U @ V.T on the observed entries by alternating least squares.

    The start is spectral by default (seed None): the top-`rank` singular vectors of the
    zero-filled observed matrix divided by the observed fraction, each scaled by the square root
    of its singular value. With an integer seed, the start is random, N(0, 1 / rank) entries from
    np.random.default_rng(seed). Then it alternates a user half-step and an item half-step
    n_iters times. Returns (U (n, rank), V (m, rank), history): the objective at the start and
    after every half-step; each half-step solves its subproblem exactly, so the history never
    increases.
    """
    if seed is None:
        filled = np.where(mask, R, 0.0) / max(mask.mean(), 1e-12)
        left, s, right_t = np.linalg.svd(filled, full_matrices=False)
        U = left[:, :rank] * np.sqrt(s[:rank])
        V = right_t[:rank].T * np.sqrt(s[:rank])
    else:
        rng = np.random.default_rng(seed)
        U = rng.normal(0, 1 / np.sqrt(rank), (R.shape[0], rank))
        V = rng.normal(0, 1 / np.sqrt(rank), (R.shape[1], rank))
    history = [als_objective(R, mask, U, V, lam)]
    for _ in range(n_iters):
        U = als_half_step(R, mask, V, lam)
        history.append(als_objective(R, mask, U, V, lam))
        V = als_half_step(R.T, mask.T, U, lam)
        history.append(als_objective(R, mask, U, V, lam))
    return U, V, history
# --8<-- [end:solution]


# %%
# The tests: the worked example, SciPy's lstsq per row, monotone objective, recovery, edges.
# --8<-- [start:tests]
def low_rank_problem(rng, n, m, rank, noise, observed):
    """A rank-`rank` matrix plus Gaussian noise, with a random share `observed` of entries seen."""
    truth = rng.normal(size=(n, rank)) @ rng.normal(size=(rank, m))
    R = truth + noise * rng.normal(size=(n, m))
    return R, truth, rng.random((n, m)) < observed


def rank_one_example():
    """The 3 x 3 rank-one matrix outer([1, 2, 3], [1, 2, 3]) with its entry (2, 2) = 9 hidden."""
    R = np.outer([1.0, 2.0, 3.0], [1.0, 2.0, 3.0])
    mask = np.ones((3, 3), dtype=bool)
    mask[2, 2] = False
    R[2, 2] = np.nan
    return R, mask


def test_worked_example():
    R, mask = rank_one_example()
    U, V, history = als(R, mask, rank=1, lam=1e-4, n_iters=50)
    prediction = (U @ V.T)[2, 2]
    print(f"  predicted hidden entry: {prediction:.3f} (true 9); objective {history[0]:.1f} -> {history[-1]:.1e}")
    assert abs(prediction - 9.0) < 0.01


def test_random_starts_can_end_in_a_spurious_solution():
    # The problem is not convex. On the worked example, some random starts settle where the
    # signs of the factors disagree: the observed entries of the last row and column are fitted,
    # the top-left block is not, and the hidden entry comes out negative.
    R, mask = rank_one_example()
    truth = np.outer([1.0, 2.0, 3.0], [1.0, 2.0, 3.0])
    n_stuck, lowest = 0, 0.0
    for start in range(50 * SEED, 50 * SEED + 50):
        U, V, _ = als(R, mask, rank=1, lam=1e-4, n_iters=50, seed=start)
        error = U @ V.T - truth
        if abs(error[2, 2]) > 1.0:  # the hidden entry is far off
            n_stuck += 1
            lowest = min(lowest, (U @ V.T)[2, 2])
            assert (U @ V.T)[2, 2] < 0
            assert np.abs(error[[0, 1, 2, 2], [2, 2, 0, 1]]).max() < 0.5  # last row/column fitted
            assert np.abs(error[:2, :2]).min() > 0.9                      # top-left block missed
    print(f"  random starts ending far from 9: {n_stuck} of 50 (predictions as low as {lowest:.0f})")
    assert n_stuck >= 3 and lowest < -200


def test_half_step_is_the_ridge_solution_per_row():
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        for n, m, k, lam in [(10, 8, 2, 0.1), (40, 30, 5, 1.0), (25, 60, 8, 10.0)]:
            R, _, mask = low_rank_problem(rng, n, m, 3, 0.5, 0.4)
            V = rng.normal(size=(m, k))
            U = als_half_step(R, mask, V, lam)
            for u in range(n):  # ridge = least squares on [V_u; sqrt(lam) I] u = [r_u; 0]
                cols = np.flatnonzero(mask[u])
                A = np.vstack([V[cols], np.sqrt(lam) * np.eye(k)])
                b = np.concatenate([R[u, cols], np.zeros(k)])
                np.testing.assert_allclose(U[u], lstsq(A, b)[0], rtol=1e-8, atol=1e-10)
            # The item half-step is the same function on the transposed problem.
            W = als_half_step(R.T, mask.T, U, lam)
            j = int(rng.integers(m))
            rows = np.flatnonzero(mask[:, j])
            A = np.vstack([U[rows], np.sqrt(lam) * np.eye(k)])
            b = np.concatenate([R[rows, j], np.zeros(k)])
            np.testing.assert_allclose(W[j], lstsq(A, b)[0], rtol=1e-8, atol=1e-10)


def test_objective_never_increases():
    for seed in range(SEED, SEED + 5):
        rng = np.random.default_rng(seed)
        R, _, mask = low_rank_problem(rng, 50, 40, 4, 0.3, 0.3)
        U, V, history = als(R, mask, rank=4, lam=0.5, n_iters=25, seed=seed)
        history = np.array(history)
        assert np.all(np.diff(history) <= 1e-10 * history[:-1])
        # The last value equals the objective computed independently, entry by entry.
        direct = sum((R[i, j] - U[i] @ V[j]) ** 2 for i, j in zip(*np.nonzero(mask)))
        direct += 0.5 * (np.sum(U**2) + np.sum(V**2))
        np.testing.assert_allclose(history[-1], direct, rtol=1e-10)


def test_recovers_held_out_entries_better_than_item_means():
    results = []
    for seed in range(SEED, SEED + 3):
        rng = np.random.default_rng(seed)
        R, truth, mask = low_rank_problem(rng, 120, 100, 3, 0.1, 0.25)
        U, V, _ = als(R, mask, rank=3, lam=1.0, n_iters=30)
        held_out = ~mask
        rmse_als = np.sqrt(np.mean((U @ V.T - R)[held_out] ** 2))
        counts = mask.sum(axis=0)
        item_means = np.where(counts > 0, np.where(mask, R, 0).sum(axis=0) / np.maximum(counts, 1),
                              R[mask].mean())
        rmse_baseline = np.sqrt(np.mean((item_means[None, :] - R)[held_out] ** 2))
        results.append((rmse_als, rmse_baseline))
        assert rmse_als < 0.2 * rmse_baseline and rmse_als < 0.2  # the noise alone gives 0.1
    print("  held-out RMSE, ALS vs item means: "
          + ", ".join(f"{a:.3f} vs {b:.3f}" for a, b in results) + " (noise 0.1)")


def test_empty_rows_columns_and_ignored_entries():
    rng = np.random.default_rng(SEED)
    R, _, mask = low_rank_problem(rng, 20, 15, 2, 0.1, 0.5)
    mask[3] = False                      # a user with no ratings
    mask[:, 7] = False                   # an item nobody rated
    U, V, _ = als(R, mask, rank=2, lam=0.1, n_iters=5, seed=SEED)
    assert not U[3].any() and not V[7].any()
    R_noisy = np.where(mask, R, np.nan)  # what is outside the mask must not matter
    U2, V2, history = als(R_noisy, mask, rank=2, lam=0.1, n_iters=5, seed=SEED)
    np.testing.assert_allclose(U2, U, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(V2, V, rtol=1e-12, atol=1e-14)
    assert np.all(np.isfinite(history))
# --8<-- [end:tests]


# %%
# Run every test; each prints its line (test_worked_example also prints the example).
run_tests(globals())
