"""Multicollinearity: unstable coefficients, stable predictions, and the variance inflation factor.

Simulates many data sets in which y = x1 + x2 + noise and the correlation between x1 and x2 is
0, 0.9 or 0.99, fits least squares to each, and compares the spread of the coefficients, of their
sum and of the predictions. Then computes variance inflation factors on scikit-learn's diabetes
data.
"""

# %%
# Batched least squares with an intercept, one fit per replicate data set.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
R, n = 1000, 100


def fit_batch(X, y):
    X1 = np.concatenate([np.ones(X.shape[:2] + (1,)), X], axis=2)
    XtX = np.einsum("rni,rnj->rij", X1, X1)
    Xty = np.einsum("rni,rn->ri", X1, y)
    return np.linalg.solve(XtX, Xty[..., None])[..., 0]       # (R, 3): b0, b1, b2


def draw(rho, size):
    cov = np.array([[1.0, rho], [rho, 1.0]])
    return rng.multivariate_normal([0, 0], cov, size=size)


# %%
# Same true model, three correlation levels. The spread of each coefficient grows like
# sqrt(VIF) = 1 / sqrt(1 - rho^2); the sum b1 + b2 and the in-distribution prediction error
# barely change. Predictions where x1 and x2 disagree (off the data's diagonal) degrade.
# Prediction error here is the root mean squared gap between predicted and true mean of y.
X_test = draw(0.0, 2000)                          # points where x1 and x2 vary independently
rows, coefs = {}, {}
print(f"{R} data sets, n = {n}, y = x1 + x2 + N(0, 1)")
print(f"{'rho':>5} {'VIF':>6} {'sd(b1)':>7} {'ratio':>6} {'1/sqrt(1-r2)':>12} {'sd(b1+b2)':>9}"
      f" {'b1<0':>6} {'err same':>8} {'err off-diag':>12}")
for rho in [0.0, 0.9, 0.99]:
    X = draw(rho, (R, n))
    y = X.sum(axis=2) + rng.normal(size=(R, n))
    b = fit_batch(X, y)
    coefs[rho] = b
    # in-distribution test error: new points with the same correlation as the training data
    X_in = draw(rho, 2000)
    rmse_in = np.sqrt(np.mean((b[:, 1:] @ X_in.T + b[:, :1] - X_in.sum(1)) ** 2))
    rmse_off = np.sqrt(np.mean((b[:, 1:] @ X_test.T + b[:, :1] - X_test.sum(1)) ** 2))
    vif = 1 / (1 - rho**2)
    rows[rho] = dict(sd=b[:, 1].std(), sd_sum=(b[:, 1] + b[:, 2]).std(),
                     neg=(b[:, 1] < 0).mean(), rmse_in=rmse_in, rmse_off=rmse_off, vif=vif)
    r = rows[rho]
    print(f"{rho:5.2f} {vif:6.1f} {r['sd']:7.3f} {r['sd'] / rows[0.0]['sd']:6.2f}"
          f" {np.sqrt(vif):12.2f} {r['sd_sum']:9.3f} {r['neg']:6.1%} {rmse_in:8.3f}"
          f" {rmse_off:12.3f}")
    assert abs(b[:, 1].mean() - 1) < 0.05                         # still unbiased
    assert 0.85 < (r["sd"] / rows[0.0]["sd"]) / np.sqrt(vif) < 1.15  # sd grows like sqrt(VIF)

assert rows[0.99]["sd"] > 5 * rows[0.0]["sd"]
assert rows[0.99]["sd_sum"] <= rows[0.0]["sd_sum"]              # the sum is well determined
assert rows[0.99]["neg"] > 0.05 and rows[0.0]["neg"] == 0         # wrong sign happens
assert rows[0.99]["rmse_in"] < 1.2 * rows[0.0]["rmse_in"]         # predictions barely suffer
assert rows[0.99]["rmse_off"] > 3 * rows[0.0]["rmse_off"]         # extrapolation does

# %%
# VIF_j = 1 / (1 - R_j^2), where R_j^2 comes from regressing feature j on the others. It equals
# the j-th diagonal entry of the inverse correlation matrix. In the diabetes data, total
# cholesterol (s1) and LDL (s2) are nearly linear functions of the other serum measurements.
data = load_diabetes()
Xd = data.data
vif_reg = []
for j in range(Xd.shape[1]):
    others = np.delete(Xd, j, axis=1)
    r2 = LinearRegression().fit(others, Xd[:, j]).score(others, Xd[:, j])
    vif_reg.append(1 / (1 - r2))
vif_reg = np.array(vif_reg)
vif_inv = np.diag(np.linalg.inv(np.corrcoef(Xd, rowvar=False)))
assert np.allclose(vif_reg, vif_inv, rtol=1e-6)
print("\ndiabetes data, variance inflation factors")
for name, v in sorted(zip(data.feature_names, vif_reg), key=lambda t: -t[1]):
    print(f"  {name:<4} {v:6.1f}")
top = dict(zip(data.feature_names, vif_reg))
assert top["s1"] > 50 and top["s2"] > 30 and top["age"] < 2

# %%
# The figure: each dot is one data set's (b1, b2). With rho = 0.99 the cloud stretches along
# b1 + b2 = 2: the data pin down the sum, not the split.
fig, ax = plt.subplots(
    figsize=(6.4, 3.8),
    num="Least-squares estimates of two coefficients from 1000 simulated data sets: a tight round "
        "cloud around (1, 1) for uncorrelated features and a long thin cloud along the line "
        "b1 + b2 = 2 when the features correlate at 0.99",
)
for rho, colour in [(0.99, "tab:orange"), (0.0, "tab:blue")]:
    ax.scatter(coefs[rho][:, 1], coefs[rho][:, 2], s=4, alpha=0.4, color=colour,
               label=f"corr(x1, x2) = {rho}")
ax.plot([-1, 3], [3, -1], "k--", lw=0.8, label="b1 + b2 = 2")
ax.set(xlabel="b1", ylabel="b2", xlim=(-1, 3), ylim=(-1, 3), aspect="equal")
ax.legend(loc="upper right", fontsize=8)
fig.tight_layout()
plt.show()
