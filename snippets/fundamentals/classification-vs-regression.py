"""Recasting regression as classification and classification as regression, and what each costs.

Binning a target: the most probable bin is a poor read-out, the probability-weighted mean a good
one. Least squares on 0/1 labels: good decisions, probabilities outside [0, 1]. Least squares on
one-hot labels: a middle class masked.
"""

# %%
# A continuous target: y = 1.5 x1 - x2 + 0.5 x3 + noise with standard deviation 1, so the best
# possible RMSE is about 1. Half the rows train, half test.
import os
import matplotlib.pyplot as plt
import numpy as np
from scipy import stats
from sklearn.linear_model import LinearRegression, LogisticRegression

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

n = 10_000
X = rng.normal(size=(n, 3))
mean_y = X @ np.array([1.5, -1.0, 0.5])
y = mean_y + rng.normal(0, 1, size=n)
train, test = slice(0, n // 2), slice(n // 2, None)


def rmse(prediction, truth):
    return np.sqrt(np.mean((prediction - truth) ** 2))


regression = LinearRegression().fit(X[train], y[train])
rmse_regression = rmse(regression.predict(X[test]), y[test])
assert abs(rmse_regression - 1) < 0.05

# %%
# Regression -> classification: cut y into K equal-count bins, fit a multinomial logistic
# regression, and read out the centre (mean training target) of the most probable bin or the
# probability-weighted mean of the centres. The last column takes the argmax of the true bin
# probabilities, from the known noise, to separate the read-out from the fit.
print(f"{'target':<11} {'parameters':>10} {'RMSE: argmax bin':>16} {'expected value':>14} "
      f"{'argmax, true P':>14}")
print(f"{'continuous':<11} {4:>10} {rmse_regression:>16.3f} {rmse_regression:>14.3f} {'':>14}")
ratio_argmax, ratio_expected, ratio_true, outward = {}, {}, {}, {}
for k in [3, 5, 10, 20]:
    cuts = np.quantile(y[train], np.linspace(0, 1, k + 1)[1:-1])
    bins = np.digitize(y[train], cuts)
    centres = np.array([y[train][bins == b].mean() for b in range(k)])
    classifier = LogisticRegression(C=1e4, max_iter=2000).fit(X[train], bins)
    proba = classifier.predict_proba(X[test])
    argmax = rmse(centres[proba.argmax(axis=1)], y[test])
    expected = rmse(proba @ centres, y[test])
    edges = np.concatenate([[-np.inf], cuts, [np.inf]]) - mean_y[test][:, None]
    true_pick = centres[np.diff(stats.norm.cdf(edges), axis=1).argmax(axis=1)]
    outward[k] = np.mean((true_pick - mean_y[test]) * np.sign(mean_y[test]))
    ratio_argmax[k], ratio_expected[k] = argmax / rmse_regression, expected / rmse_regression
    true_argmax = rmse(true_pick, y[test])
    ratio_true[k] = true_argmax / rmse_regression
    parameters = classifier.coef_.size + classifier.intercept_.size
    assert parameters == k * 4  # K times the regression's 3 weights and 1 intercept
    print(f"{f'{k} bins':<11} {parameters:>10} {argmax:>16.3f} {expected:>14.3f} "
          f"{true_argmax:>14.3f}")
# With 10 or 20 bins the argmax stays 10 to 20 % worse, and over 5 % worse with the true
# probabilities: equal-count bins are wide in the tails, a wide bin collects probability where the
# density is low, and the argmax lands too far out (outward: mean error away from the middle).
print(f"true argmax, 20 bins: on average {outward[20]:+.2f} away from the middle")
assert 1.26 < ratio_argmax[3] < 1.40
assert all(1.10 < ratio_argmax[k] < 1.20 and ratio_true[k] > 1.05 for k in (10, 20))
assert 0.2 < outward[20] < 0.45
assert abs(ratio_expected[20] - 1) < 0.02
assert all(ratio_expected[k] < ratio_argmax[k] for k in ratio_argmax)

# %%
# Classification -> regression: 0/1 labels with P(y = 1 | x) = sigmoid(3 x - 0.5). Least squares
# on the labels (the LPM) against logistic regression: accuracy at the 0.5 threshold, and distance
# of their probabilities (the LPM's clipped to [0, 1]) from the true ones.
x = rng.normal(size=(n, 1))
p_true = 1 / (1 + np.exp(-(3 * x[:, 0] - 0.5)))
labels = (rng.random(n) < p_true).astype(int)
lpm = LinearRegression().fit(x[train], labels[train])
logit = LogisticRegression(C=1e6).fit(x[train], labels[train])
p_lpm = lpm.predict(x[test])
p_logit = logit.predict_proba(x[test])[:, 1]

outside = np.mean((p_lpm < 0) | (p_lpm > 1))
acc_lpm = np.mean((p_lpm > 0.5) == labels[test])
acc_logit = np.mean((p_logit > 0.5) == labels[test])
err_lpm = np.mean(np.abs(np.clip(p_lpm, 0, 1) - p_true[test]))
err_logit = np.mean(np.abs(p_logit - p_true[test]))
agree = np.mean((p_lpm > 0.5) == (p_logit > 0.5))
print(f"\n{'model':<22} {'accuracy':>8} {'|p - true p|':>13} {'outside [0, 1]':>15}")
print(f"{'least squares (LPM)':<22} {acc_lpm:>8.3f} {err_lpm:>13.3f} {outside:>15.1%}")
print(f"{'logistic regression':<22} {acc_logit:>8.3f} {err_logit:>13.3f} {0:>15.1%}")
print(f"LPM predictions range from {p_lpm.min():.2f} to {p_lpm.max():.2f}; logistic regression "
      f"fits log-odds {logit.coef_[0, 0]:.2f} x {logit.intercept_[0]:+.2f} (truth 3 x - 0.5); "
      f"the two agree on {agree:.1%} of decisions")
assert 0.10 < outside < 0.20 and p_lpm.min() < -0.5 and p_lpm.max() > 1.5
assert agree > 0.98 and 0.08 < err_lpm < 0.10 and err_logit < 0.03
assert abs(logit.coef_[0, 0] - 3) < 0.4 and abs(logit.intercept_[0] + 0.5) < 0.25

# %%
# Three balanced classes in a row on one feature (centres -4, 0, 4). Least squares on one-hot
# labels: the middle class's line is nearly flat, below the higher of the other two, so it is
# masked. Multinomial logistic regression separates all three.
three = np.repeat([0, 1, 2], 1000)
z = rng.normal(4.0 * (three - 1), 1.0)[:, None]
pred_ls = LinearRegression().fit(z, np.eye(3)[three]).predict(z).argmax(axis=1)
acc_ls = np.mean(pred_ls == three)
acc_softmax = np.mean(LogisticRegression().fit(z, three).predict(z) == three)
print(f"\nthree classes, least squares on one-hot: middle class predicted for "
      f"{np.mean(pred_ls == 1):.1%}, accuracy {acc_ls:.3f}; multinomial logistic {acc_softmax:.3f}")
assert np.mean(pred_ls == 1) < 0.01 and abs(acc_ls - 2 / 3) < 0.01 and acc_softmax > 0.95

# %%
# The two fits against the true probability.
grid = np.linspace(-3, 3, 200)[:, None]
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="0/1 labels against x with the true probability, an S-shaped curve; the logistic "
        "regression fit on top of it; and the least-squares line, below 0 on the left and above 1 "
        "on the right",
)
shown = slice(n // 2, n // 2 + 400)
ax.scatter(x[shown, 0], labels[shown] + rng.uniform(-0.04, 0.04, 400), s=4, alpha=0.3, c="grey")
ax.plot(grid[:, 0], 1 / (1 + np.exp(-(3 * grid[:, 0] - 0.5))), "k", lw=2, label="true P(y = 1 | x)")
ax.plot(grid[:, 0], logit.predict_proba(grid)[:, 1], "--", label="logistic regression")
ax.plot(grid[:, 0], lpm.predict(grid), label="least squares on 0/1")
ax.axhspan(-1, 0, color="red", alpha=0.08)
ax.axhspan(1, 2, color="red", alpha=0.08)
ax.set(xlabel="x", ylabel="label / probability", ylim=(-0.9, 1.9))
ax.legend(loc="upper left", fontsize=8)
fig.tight_layout()
plt.show()
