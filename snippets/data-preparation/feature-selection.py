"""Filter, wrapper and embedded feature selection, and the leak that selection before CV causes.

Part 1 builds a problem with a "suppressor" feature (useless alone, useful together with
another), three near-copies of one signal, and many noise columns, then compares a univariate
filter, recursive feature elimination and an L1-penalised model, each asked for four features.
Part 2 selects features from pure noise, once before cross-validation and once inside it.
"""

# %%
# Data for part 1. x0 = s + 1.5e and x1 = 1.5e: x1 has no correlation with the label, but x0 - x1
# recovers s exactly. x2, x3, x4 are noisy copies of t; x5 carries u; the rest is noise.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.feature_selection import RFE, SelectFromModel, SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RepeatedStratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
n, n_noise = 2000, 44
s, e, t, u = rng.normal(size=(4, n))
X = np.column_stack([
    s + 1.5 * e, 1.5 * e,                                  # x0, x1 (suppressor)
    t + 0.3 * rng.normal(size=n),                          # x2, x3, x4: copies of t
    t + 0.3 * rng.normal(size=n),
    t + 0.3 * rng.normal(size=n),
    u,                                                     # x5
    rng.normal(size=(n, n_noise)),
])
y = (rng.random(n) < 1 / (1 + np.exp(-(2.0 * s + 1.5 * t + 1.5 * u)))).astype(int)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.5, random_state=SEED, stratify=y)
corr_x1 = np.corrcoef(X[:, 1], y)[0, 1]
print(f"{X.shape[1]} features; correlation of x1 with the label: {corr_x1:+.3f}")
assert abs(corr_x1) < 0.05

# %%
# Three selectors, each keeping four features, then the same logistic regression on them.
k = 4
selectors = {
    "filter (F-test)": SelectKBest(f_classif, k=k),
    "RFE (logistic)": RFE(LogisticRegression(), n_features_to_select=k),
    "L1 logistic": SelectFromModel(
        LogisticRegression(l1_ratio=1.0, C=0.05, solver="liblinear"), max_features=k,
        threshold=-np.inf),
}
chosen, acc = {}, {}
print(f"\n{'method':<17} {'kept':<22} test accuracy")
for name, selector in selectors.items():
    model = make_pipeline(StandardScaler(), selector, LogisticRegression()).fit(X_tr, y_tr)
    chosen[name] = set(np.flatnonzero(model[1].get_support()))
    acc[name] = model.score(X_te, y_te)
    kept = ", ".join(f"x{j}" for j in sorted(chosen[name]))
    print(f"{name:<17} {kept:<22} {acc[name]:.3f}")
acc["all features"] = make_pipeline(StandardScaler(), LogisticRegression()).fit(
    X_tr, y_tr).score(X_te, y_te)
print(f"{'all 50 features':<40} {acc['all features']:.3f}")

# The filter ranks features one at a time: it drops the suppressor x1 and spends its budget
# on redundant copies of t. The multivariate methods keep x0 and x1 together.
assert 1 not in chosen["filter (F-test)"]
assert len(chosen["filter (F-test)"] & {2, 3, 4}) >= 2
for name in ["RFE (logistic)", "L1 logistic"]:
    assert {0, 1, 5} <= chosen[name] and len(chosen[name] & {2, 3, 4}) == 1
    assert acc[name] > acc["filter (F-test)"] + 0.05
    # Four well-chosen features do as well as all 50 (the data are plentiful here).
    assert abs(acc[name] - acc["all features"]) < 0.03

# %%
# Part 2: 100 samples, 2000 features of pure noise, labels independent of everything. Picking
# the k features most correlated with the label on the full data and then cross-validating
# only the classifier reports skill that cannot exist. Putting the selector inside the
# pipeline reselects features in every fold and reports chance.
X_noise = rng.normal(size=(100, 2000))
y_noise = rng.permutation(np.repeat([0, 1], 50))
cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=4, random_state=SEED)
ks = [5, 10, 20, 50, 100, 200]
leaky, honest = [], []
for k_sel in ks:
    X_sel = SelectKBest(f_classif, k=k_sel).fit_transform(X_noise, y_noise)   # sees all rows
    leaky.append(cross_val_score(LogisticRegression(), X_sel, y_noise, cv=cv).mean())
    pipe = make_pipeline(SelectKBest(f_classif, k=k_sel), LogisticRegression())
    honest.append(cross_val_score(pipe, X_noise, y_noise, cv=cv).mean())
print("\nPure noise, 5-fold CV accuracy, 4 repeats (chance = 0.5)")
print(f"{'k':>5} {'select, then CV':>16} {'select inside CV':>17}")
for k_sel, a, b in zip(ks, leaky, honest):
    print(f"{k_sel:>5} {a:>16.2f} {b:>17.2f}")
# Leaky: well above chance with 5 features, above 0.9 from 100 on, and higher the more
# features are selected. Honest: chance, within the noise of 100 samples.
assert leaky[0] > 0.65 and min(leaky[ks.index(100):]) > 0.9 and leaky[-1] > leaky[0] + 0.1
assert all(0.3 < b < 0.7 for b in honest)

# %%
# Figure: the two cross-validation estimates against the number of selected features.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Cross-validated accuracy on pure-noise data against the number of selected features: "
        "selecting features on all the data before cross-validation reports between 0.7 and "
        "1.0, while selecting inside each fold stays near the chance level of 0.5.")
ax.plot(ks, leaky, "o-", label="select on all data, then cross-validate")
ax.plot(ks, honest, "s-", label="select inside each training fold")
ax.axhline(0.5, color="grey", ls="--", label="chance")
ax.set(xscale="log", xlabel="number of selected features k", ylabel="CV accuracy",
       ylim=(0.3, 1.02), title="Labels independent of all 2000 features")
ax.legend(fontsize=8, loc="center right")
fig.tight_layout()
plt.show()
