"""What MSE, MAE, Huber, pinball, log and hinge losses estimate, and how they react to outliers.

First fits a single constant to a skewed sample under each regression loss and compares it with
the mean, median and quantile. Then fits a line to data with 5 % gross outliers under squared,
Huber and absolute loss. Finally shows that the hinge-loss solution depends only on the points
near the margin (its support vectors), while the log-loss solution depends on every point.
"""

# %%
# A skewed sample: exponential with mean 1 (median ln 2, 90th percentile ln 10).
import os
import numpy as np
from scipy.optimize import minimize_scalar
from sklearn.linear_model import HuberRegressor, LinearRegression, LogisticRegression, QuantileRegressor
from sklearn.svm import SVC

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

y = rng.exponential(1.0, size=4000)


def huber(r, delta=1.0):
    return np.where(np.abs(r) <= delta, 0.5 * r ** 2, delta * (np.abs(r) - 0.5 * delta))


def pinball(r, q=0.9):
    return np.maximum(q * r, (q - 1) * r)


losses = {"squared (MSE)": lambda r: r ** 2, "absolute (MAE)": np.abs,
          "Huber, delta 1": huber, "pinball, q 0.9": pinball}
best = {name: minimize_scalar(lambda c: f(y - c).mean(), bounds=(0, 5), method="bounded",
                              options={"xatol": 1e-6}).x for name, f in losses.items()}
print("loss              best constant   reference")
refs = {"squared (MSE)": ("mean", y.mean()), "absolute (MAE)": ("median", np.median(y)),
        "Huber, delta 1": ("", np.nan), "pinball, q 0.9": ("90th percentile", np.quantile(y, 0.9))}
for name, c in best.items():
    label, value = refs[name]
    print(f"  {name:<16} {c:6.3f}        {label} {value:.3f}" if label else f"  {name:<16} {c:6.3f}")
assert abs(best["squared (MSE)"] - y.mean()) < 1e-4
assert abs(best["absolute (MAE)"] - np.median(y)) < 2e-3
assert abs(best["pinball, q 0.9"] - np.quantile(y, 0.9)) < 5e-3
assert np.median(y) < best["Huber, delta 1"] < y.mean()  # Huber lands between median and mean

# %%
# Outliers: y = 1 + 2x + noise, then 5 % of the targets are shifted up by 50.
n = 400
x = rng.uniform(-2, 2, size=(n, 1))
t = 1 + 2 * x[:, 0] + rng.normal(0, 0.5, size=n)
bad = rng.choice(n, size=n // 20, replace=False)
t[bad] += 50
fits = {"squared (OLS)": LinearRegression(), "Huber": HuberRegressor(epsilon=1.35, max_iter=1000),
        "absolute (median)": QuantileRegressor(quantile=0.5, alpha=0.0, solver="highs")}
print("\nloss               slope  intercept   (truth 2, 1)")
coef = {}
for name, model in fits.items():
    model.fit(x, t)
    coef[name] = (model.coef_[0], model.intercept_)
    print(f"  {name:<17} {coef[name][0]:5.2f}   {coef[name][1]:5.2f}")
# Squared loss drags the intercept by about 5 % of 50 = 2.5; the robust losses stay near 1.
assert abs(coef["squared (OLS)"][1] - 3.5) < 0.3
for name in ("Huber", "absolute (median)"):
    assert abs(coef[name][0] - 2) < 0.1 and abs(coef[name][1] - 1) < 0.15

# %%
# Classification. Two Gaussian classes; a linear SVM (hinge loss) and a logistic regression
# (log loss), both with comparable regularisation. Refit each on the support vectors only:
# the hinge solution does not move, the log-loss solution does.
m = 600
Xc = np.vstack([rng.normal(-1, 1, size=(m // 2, 2)), rng.normal(1, 1, size=(m // 2, 2))])
yc = np.repeat([0, 1], m // 2)
svm = SVC(kernel="linear", C=1.0).fit(Xc, yc)
logit = LogisticRegression(C=1.0).fit(Xc, yc)
sv = svm.support_
svm_sv = SVC(kernel="linear", C=1.0).fit(Xc[sv], yc[sv])
logit_sv = LogisticRegression(C=1.0).fit(Xc[sv], yc[sv])


def rel_change(a, b):
    return np.linalg.norm(a.coef_ - b.coef_) / np.linalg.norm(a.coef_)


print(f"\nsupport vectors: {len(sv)} of {m} points")
print(f"refit on them only: hinge weights change {rel_change(svm, svm_sv):.1%}, "
      f"log-loss weights change {rel_change(logit, logit_sv):.1%}")
assert rel_change(svm, svm_sv) < 0.01 and rel_change(logit, logit_sv) > 0.5
