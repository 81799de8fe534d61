"""The bias-variance decomposition, measured by simulation.

Draw many training sets of 15 noisy points from y = sin(2 pi x) + noise (the inputs x are a fixed
evenly spaced design; only the noise changes between sets), fit polynomials of degree 0 to 12
to each, and measure at fixed test inputs how far the average fit is from the
truth (bias), how much the fits scatter around their average (variance), and the expected test
error, which should equal bias^2 + variance + noise variance.
"""

# %%
# Setup. Polynomials are fitted in the Legendre basis on [-1, 1], which is numerically stable
# up to high degree (plain powers of x would be badly conditioned).
import os
import matplotlib.pyplot as plt
import numpy as np
from numpy.polynomial import legendre

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others


def truth(x):
    return np.sin(2 * np.pi * x)


rng = np.random.default_rng(SEED)
sigma, n_train, n_sets = 0.3, 15, 500
x_test = np.linspace(0.02, 0.98, 97)
degrees = np.arange(13)


def fit_predict(x, y, degree, x_new):
    coef = legendre.legfit(2 * x - 1, y, degree)
    return legendre.legval(2 * x_new - 1, coef)


def decompose(degree, n=n_train):
    """Bias^2, variance and expected test MSE at x_test, averaged over the test inputs."""
    preds = np.empty((n_sets, x_test.size))
    test_mse = np.empty(n_sets)
    for s in range(n_sets):
        x = (np.arange(n) + 0.5) / n
        y = truth(x) + rng.normal(0, sigma, n)
        preds[s] = fit_predict(x, y, degree, x_test)
        y_new = truth(x_test) + rng.normal(0, sigma, x_test.size)   # fresh test noise
        test_mse[s] = np.mean((y_new - preds[s]) ** 2)
    bias2 = np.mean((preds.mean(axis=0) - truth(x_test)) ** 2)
    var = np.mean(preds.var(axis=0))
    return bias2, var, test_mse.mean(), preds


# %%
# The decomposition for every degree.
rows = {d: decompose(d) for d in degrees}
bias2 = np.array([rows[d][0] for d in degrees])
var = np.array([rows[d][1] for d in degrees])
mse = np.array([rows[d][2] for d in degrees])
print(f"noise variance {sigma ** 2:.3f}; {n_sets} training sets of {n_train} points each")
print("degree    bias^2   variance   bias^2+var+noise   measured test MSE")
for d in (0, 1, 3, 5, 8, 10, 12):
    print(f"{d:6d}   {bias2[d]:7.3f}   {var[d]:8.3f}   {bias2[d] + var[d] + sigma ** 2:16.3f}"
          f"   {mse[d]:17.3f}")

# The identity holds up to simulation noise.
assert np.allclose(bias2 + var + sigma ** 2, mse, rtol=0.05)
# Bias falls and variance rises with flexibility (each over the range where it is not ~0).
assert bias2[0] > bias2[1] > bias2[3] > bias2[5] and bias2[5] < 0.01
assert np.all(np.diff(var) > 0)  # variance rises with every extra degree
best = degrees[np.argmin(mse)]
print(f"lowest expected test error at degree {best}")
assert 3 <= best <= 8
assert mse[0] > 2 * mse[best] and mse[12] > 2 * mse[best]

# %%
# More data reduces variance, not bias: 300 points instead of 15. The degree-10 fit's
# variance collapses; the degree-1 fit's bias^2 (its approximation error) does not move.
v_small = var[10]
_, v_big, _, _ = decompose(10, n=300)
b1_big, _, _, _ = decompose(1, n=300)
print(f"degree 10: variance {v_small:.3f} with 15 points, {v_big:.4f} with 300 points")
print(f"degree 1:  bias^2   {bias2[1]:.3f} with 15 points, {b1_big:.3f} with 300 points")
assert v_big < v_small / 30
assert abs(b1_big / bias2[1] - 1) < 0.05 and abs(b1_big - 0.18) < 0.01

# %%
# Figure: the three curves against degree, and twenty fitted curves for an underfitting, a
# balanced and an overfitting degree.
fig, (ax1, ax2) = plt.subplots(
    1, 2, figsize=(8.0, 3.6),
    num="Left: squared bias falls and variance rises with polynomial degree, so the expected "
        "test error is U-shaped. Right: fits from twenty training sets for degrees 1, 4 and 12; "
        "the straight lines agree but miss the sine curve, the degree-12 fits scatter widely",
)
ax1.semilogy(degrees, bias2, "o-", label="bias$^2$")
ax1.semilogy(degrees, var, "s-", label="variance")
ax1.semilogy(degrees, mse, "k^-", label="expected test MSE")
ax1.axhline(sigma ** 2, color="grey", linestyle=":", label="noise variance")
ax1.set_xlabel("polynomial degree")
ax1.legend(frameon=False, fontsize=8)
for d, color in [(1, "tab:blue"), (4, "tab:green"), (12, "tab:red")]:
    for p in rows[d][3][:20]:
        ax2.plot(x_test, p, color=color, alpha=0.25, linewidth=0.8)
    ax2.plot([], [], color=color, label=f"degree {d}")
ax2.plot(x_test, truth(x_test), "k--", linewidth=1.5, label="truth")
ax2.set_ylim(-2, 2)
ax2.set_xlabel("x")
ax2.legend(frameon=False, fontsize=8, loc="lower left")
fig.tight_layout()
plt.show()
