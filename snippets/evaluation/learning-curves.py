"""Learning curves for a high-bias and a high-variance model on the same data.

The target is a sine wave plus Gaussian noise of variance 0.09, so no model can get below a test
MSE of 0.09. A straight line underfits it; a degree-12 polynomial overfits small samples.
learning_curve from scikit-learn measures training and validation error at growing training
sizes, and the program checks how each curve responds to more data.
"""

# %%
# Data: x uniform on [-3, 3], y = sin(x) + noise with standard deviation 0.3.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import ShuffleSplit, learning_curve
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

NOISE_VAR = 0.3 ** 2
rng = np.random.default_rng(SEED)
x = rng.uniform(-3, 3, size=(3000, 1))
y = np.sin(x[:, 0]) + rng.normal(0, 0.3, size=3000)

# %%
# Two models. The line has high bias (sin is not linear); the degree-12 polynomial can follow the
# sine but, with 13 coefficients, chases the noise when the sample is small.
models = {
    "line (high bias)": LinearRegression(),
    "degree 12 (high variance)": make_pipeline(PolynomialFeatures(12), StandardScaler(),
                                               LinearRegression()),
}
sizes = np.array([25, 40, 60, 100, 160, 250, 400, 1000, 2000])
cv = ShuffleSplit(n_splits=20, test_size=1000, random_state=SEED + 1)
curves = {}
for name, model in models.items():
    n, tr, va = learning_curve(model, x, y, train_sizes=sizes, cv=cv,
                               scoring="neg_mean_squared_error")
    # Medians over the 20 splits: a tiny sample occasionally gives a wild polynomial fit.
    curves[name] = (-np.median(tr, axis=1), -np.median(va, axis=1))

print(f"noise floor (Bayes MSE) {NOISE_VAR:.3f}")
print("  n     line: train  valid   gap    degree 12: train  valid   gap")
for i, m in enumerate(sizes):
    (lt, lv), (pt, pv) = curves["line (high bias)"], curves["degree 12 (high variance)"]
    print(f"{m:5d}       {lt[i]:.3f}  {lv[i]:.3f}  {lv[i] - lt[i]:.3f}"
          f"             {pt[i]:.3f}  {pv[i]:.3f}  {pv[i] - pt[i]:.3f}")

# %%
# High bias: both errors converge quickly to the same level, far above the noise floor, and
# more data no longer helps: 250 -> 2,000 points changes the validation error by under 5 %.
lt, lv = curves["line (high bias)"]
assert lv[-1] > 2.5 * NOISE_VAR and abs(lv[-1] - 0.26) < 0.02
assert abs(lv[-1] - lt[-1]) < 0.05 * lv[-1]
assert abs(lv[5] - lv[-1]) < 0.05 * lv[-1]
assert lt[0] < lt[-1] - 0.01  # training error rises with n: a bigger sample is harder to fit

# %%
# High variance: at 25 points the training error is below the noise floor (the model fits
# noise) and the validation error is many times higher. From 40 to 160 points the gap loses over
# 80 % of its size, and at 2,000 both errors sit within 10 % of the floor.
pt, pv = curves["degree 12 (high variance)"]
assert pt[0] < 0.7 * NOISE_VAR and pv[0] > 5 * pt[0]
assert abs(pv[-1] - NOISE_VAR) < 0.1 * NOISE_VAR and abs(pt[-1] - NOISE_VAR) < 0.1 * NOISE_VAR
assert pv[4] - pt[4] < 0.2 * (pv[1] - pt[1])
assert pv[-1] < 0.5 * lv[-1]  # with enough data the flexible model wins clearly

# %%
# Figure: the four curves against training size, on a log axis.
fig, ax = plt.subplots(figsize=(6.4, 3.6), num="Learning curves: the straight line's training "
                       "and validation errors meet early at about 0.26, far above the noise floor "
                       "of 0.09; the degree-12 polynomial starts with a large gap that closes "
                       "towards the floor as the training set grows")
for (name, (t, v)), colour in zip(curves.items(), ["tab:blue", "tab:orange"]):
    ax.plot(sizes, t, "--", color=colour, label=f"{name}: training")
    ax.plot(sizes, v, "-", color=colour, label=f"{name}: validation")
ax.axhline(NOISE_VAR, color="grey", linewidth=1, label="noise floor")
ax.set(xscale="log", yscale="log", xlabel="training-set size", ylabel="MSE (median of 20 splits)")
ax.legend(frameon=False, fontsize=8)
fig.tight_layout()
plt.show()
