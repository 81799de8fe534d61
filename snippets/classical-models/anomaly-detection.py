"""Isolation forest and one-class SVM on data with known anomalies.

Two Gaussian clusters of normal points are contaminated with uniformly scattered anomalies.
The snippet checks that anomalies are isolated in fewer random splits, what nu means for a
one-class SVM, how its gamma and the feature scales change the result, and that the
`contamination` setting only moves the threshold.
"""

# %%
# Data: 2000 normal points in two clusters plus 5 % anomalies spread over the whole square
# (some of which land inside the clusters, where no detector can find them).
# The detectors are fitted without labels; the labels are used only to score them.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import OneClassSVM

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others


def make_data(rng, n_normal=500, n_anomalies=25):
    centres = np.array([[-2.0, -1.0], [2.0, 1.5]])
    normal = centres[rng.integers(0, 2, n_normal)] + rng.normal(scale=0.7, size=(n_normal, 2))
    anomalies = rng.uniform(-6, 6, size=(n_anomalies, 2))
    X = np.vstack([normal, anomalies])
    is_anomaly = np.r_[np.zeros(n_normal, bool), np.ones(n_anomalies, bool)]
    return X, is_anomaly


rng = np.random.default_rng(SEED)
X_tr, a_tr = make_data(rng, 2000, 100)
X_te, a_te = make_data(rng, 2000, 100)

iforest = IsolationForest(n_estimators=200, random_state=SEED).fit(X_tr)
ocsvm = make_pipeline(StandardScaler(), OneClassSVM(nu=0.05, gamma=0.5)).fit(X_tr)
# score_samples: higher means more normal, so negate it to get an anomaly score.
auc = {
    "isolation forest": roc_auc_score(a_te, -iforest.score_samples(X_te)),
    "one-class SVM": roc_auc_score(a_te, -ocsvm.score_samples(X_te)),
}
print("Test ROC AUC for ranking anomalies above normal points")
for name, value in auc.items():
    print(f"  {name:<17} {value:.3f}")
assert auc["isolation forest"] > 0.9 and auc["one-class SVM"] > 0.85

# %%
# Why isolation works: count how many splits each tree needs to isolate a point (its depth).
# Anomalies sit in sparse regions, so random splits cut them off early.
depths = np.mean([tree.decision_path(X_te).sum(axis=1).A1 - 1 for tree in iforest.estimators_],
                 axis=0)
d_norm, d_anom = depths[~a_te].mean(), depths[a_te].mean()
print(f"\nMean depth of the leaf reached: normal {d_norm:.2f}, anomalies {d_anom:.2f}")
psi = iforest.max_samples_
print(f"(each tree is grown on {psi} points, depth limit ceil(log2 {psi}) = "
      f"{int(np.ceil(np.log2(psi)))})")
assert d_anom < d_norm - 1.5

# %%
# nu in the one-class SVM: an upper bound on the fraction of training points left outside the
# boundary and a lower bound on the fraction of support vectors.
svm = ocsvm[-1]
outside = np.mean(ocsvm.predict(X_tr) == -1)
sv_frac = len(svm.support_) / len(X_tr)
print(f"\nOne-class SVM, nu = {svm.nu}: training points outside {outside:.3f}, "
      f"support vectors {sv_frac:.3f}")
assert outside <= svm.nu + 0.01 and sv_frac >= svm.nu - 0.01

# gamma sets the kernel width: too small gives one blob that ignores the two clusters (poor
# ranking), too large wraps each training point separately, so many new normal points fall
# outside the boundary (false alarms), even though the ranking can still look fine.
print("\n gamma   test AUC   normal test points flagged   anomalies flagged")
gamma_auc, false_alarms = {}, {}
for gamma in [0.01, 0.5, 200.0]:
    model = make_pipeline(StandardScaler(), OneClassSVM(nu=0.05, gamma=gamma)).fit(X_tr)
    gamma_auc[gamma] = roc_auc_score(a_te, -model.score_samples(X_te))
    flagged = model.predict(X_te) == -1
    false_alarms[gamma] = flagged[~a_te].mean()
    print(f"{gamma:6.2f}   {gamma_auc[gamma]:8.3f}   {false_alarms[gamma]:26.3f}"
          f"   {flagged[a_te].mean():17.3f}")
assert gamma_auc[0.5] > gamma_auc[0.01] + 0.01                    # too smooth: ranks worse
assert false_alarms[200.0] > 0.5 and false_alarms[200.0] > 3 * false_alarms[0.5]
assert gamma_auc[200.0] > gamma_auc[0.5] - 0.03                  # ... yet still ranks well

# %%
# Feature scale: multiply one feature by 100. The forest draws split points uniformly between
# each feature's min and max, so its scores do not change; an unscaled RBF kernel is dominated
# by the big feature and behaves like a far too narrow kernel along it.
stretch = np.array([100.0, 1.0])
iforest_s = IsolationForest(n_estimators=200, random_state=SEED).fit(X_tr * stretch)
raw_svm = OneClassSVM(nu=0.05, gamma=0.5).fit(X_tr)
raw_svm_s = OneClassSVM(nu=0.05, gamma=0.5).fit(X_tr * stretch)
fa_raw = np.mean(raw_svm.predict(X_te[~a_te]) == -1)
fa_raw_s = np.mean(raw_svm_s.predict(X_te[~a_te] * stretch) == -1)
# (Trees store X as float32, so a point lying within rounding of a split value can land on
# the other side: "unchanged" holds up to that rounding.)
score_shift = np.abs(iforest_s.score_samples(X_te * stretch) - iforest.score_samples(X_te))
print(f"\nFirst feature x100: isolation forest scores changed for {np.sum(score_shift > 1e-9)} "
      f"of {len(X_te)} test points, by at most {score_shift.max():.1e}")
print(f"Unscaled one-class SVM, normal test points flagged: {fa_raw:.3f} -> {fa_raw_s:.3f}")
assert np.mean(score_shift > 1e-9) < 0.01 and score_shift.max() < 0.01
assert fa_raw_s > 3 * fa_raw + 0.1

# %%
# contamination only chooses the threshold on the score; the ranking (and AUC) is unchanged.
if_01 = IsolationForest(n_estimators=200, contamination=0.01, random_state=SEED).fit(X_tr)
if_10 = IsolationForest(n_estimators=200, contamination=0.10, random_state=SEED).fit(X_tr)
assert np.allclose(if_01.score_samples(X_te), if_10.score_samples(X_te))
flag_01, flag_10 = np.mean(if_01.predict(X_tr) == -1), np.mean(if_10.predict(X_tr) == -1)
print(f"\ncontamination 0.01 flags {flag_01:.3f} of training points, 0.10 flags {flag_10:.3f}")
assert abs(flag_01 - 0.01) < 0.005 and abs(flag_10 - 0.10) < 0.005

# %%
# Figure: each detector's anomaly score over the plane, with the test points.
xx, yy = np.meshgrid(np.linspace(-6.5, 6.5, 120), np.linspace(-6.5, 6.5, 120))
grid = np.c_[xx.ravel(), yy.ravel()]
fig, axes = plt.subplots(
    1, 2, figsize=(9.0, 4.0), sharey=True,
    num="Anomaly scores over the plane for an isolation forest (left) and a one-class SVM "
        "(right): both are low over the two clusters of normal points and high in the empty "
        "space where the scattered anomalies lie; the forest's contours are blocky, the SVM's "
        "smooth",
)
for ax, (name, model) in zip(axes, [("isolation forest", iforest), ("one-class SVM", ocsvm)]):
    score = -model.score_samples(grid).reshape(xx.shape)
    ax.contourf(xx, yy, score, levels=15, cmap="Blues")
    ax.contour(xx, yy, model.decision_function(grid).reshape(xx.shape), levels=[0], colors="k")
    ax.scatter(*X_te[~a_te].T, s=5, c="0.3", label="normal")
    ax.scatter(*X_te[a_te].T, s=25, c="C3", marker="x", label="anomaly")
    ax.set(title=f"{name} (black: decision boundary)", xlabel="$x_1$")
axes[0].set_ylabel("$x_2$")
axes[0].legend(fontsize=8, loc="lower right")
fig.tight_layout()
plt.show()
