"""Encoding a high-cardinality categorical feature: one-hot, ordinal codes, hashing and target
encoding, with and without cross-fitting.

A binary target depends on two numeric features and on a "merchant" category with 2000 levels
whose frequencies follow a power law, so most levels are rare. Each encoding feeds the same
logistic regression; train and test ROC AUC show which encodings carry the signal and which
one leaks the label. A second experiment repeats this with a category that carries no signal.
"""

# %%
# Data. Level frequencies follow a Zipf-like law; each level has its own effect on the log-odds.
import os
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, train_test_split
from sklearn.preprocessing import OneHotEncoder, TargetEncoder

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
n, n_levels = 8000, 2000
freq = 1 / np.arange(1, n_levels + 1) ** 1.1
cat = rng.choice(n_levels, size=n, p=freq / freq.sum())
effect = rng.normal(scale=1.2, size=n_levels)
num = rng.normal(size=(n, 2))
logit = effect[cat] + num @ np.array([0.8, -0.5]) - 0.3
y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)

idx_tr, idx_te = train_test_split(np.arange(n), test_size=0.4, random_state=SEED, stratify=y)
counts = np.bincount(cat[idx_tr], minlength=n_levels)
seen = counts > 0
print(f"{n_levels} levels; {seen.sum()} occur in the training split, "
      f"{(counts == 1).sum()} of them exactly once")
print(f"{np.mean(~seen[cat[idx_te]]):.1%} of test rows have a level unseen in training")
assert (counts == 1).sum() > 0.3 * seen.sum()          # most levels are rare

# scikit-learn's native categorical support in gradient boosting caps a feature at max_bins
# (at most 255) levels, far fewer than this feature has.
try:
    HistGradientBoostingClassifier(categorical_features=[0], max_iter=1).fit(
        cat[idx_tr, None], y[idx_tr])
    raise AssertionError("expected a ValueError: too many categories")
except ValueError as err:
    print(f"HistGradientBoostingClassifier: {err}")
    assert "cardinality" in str(err)

# %%
# Encoders. "naive target" replaces each level by the mean label of its training rows,
# computed on the same rows the model is then trained on. TargetEncoder's fit_transform
# instead encodes each training row with statistics from the other folds (cross-fitting) and
# shrinks rare levels toward the global mean.


def naive_target_encode(c_fit, y_fit, c_apply):
    sums = np.bincount(c_fit, weights=y_fit, minlength=n_levels)
    cnt = np.bincount(c_fit, minlength=n_levels)
    means = np.divide(sums, cnt, out=np.full(n_levels, y_fit.mean()), where=cnt > 0)
    return means[c_apply][:, None]


def encodings(c, target):
    """Train and test design matrices for each encoding of the category array c."""
    c_tr, c_te, y_tr = c[idx_tr, None], c[idx_te, None], target[idx_tr]
    onehot = OneHotEncoder(handle_unknown="ignore").fit(c_tr)
    hasher = FeatureHasher(n_features=64, input_type="string")
    te = TargetEncoder(cv=StratifiedKFold(5, shuffle=True, random_state=SEED))
    te_train = te.fit_transform(c_tr, y_tr)             # cross-fitted
    return {
        "ordinal code": (c_tr / n_levels, c_te / n_levels),
        "one-hot": (onehot.transform(c_tr), onehot.transform(c_te)),
        "hashing (64)": (hasher.transform([[str(v)] for v in c[idx_tr]]),
                         hasher.transform([[str(v)] for v in c[idx_te]])),
        "naive target": (naive_target_encode(c[idx_tr], y_tr, c[idx_tr]),
                         naive_target_encode(c[idx_tr], y_tr, c[idx_te])),
        "TargetEncoder": (te_train, te.transform(c_te)),
    }


def scores(c, target):
    out = {}
    for name, (A_tr, A_te) in encodings(c, target).items():
        # Numeric features are appended to every encoding; one-hot and hashing are sparse.
        if hasattr(A_tr, "toarray"):
            A_tr, A_te = A_tr.toarray(), A_te.toarray()
        A_tr = np.hstack([A_tr, num[idx_tr]])
        A_te = np.hstack([A_te, num[idx_te]])
        model = LogisticRegression(C=1.0, max_iter=2000).fit(A_tr, target[idx_tr])
        out[name] = (A_tr.shape[1], roc_auc_score(target[idx_tr], model.decision_function(A_tr)),
                     roc_auc_score(target[idx_te], model.decision_function(A_te)))
    return out


base = LogisticRegression().fit(num[idx_tr], y[idx_tr])
base_auc = roc_auc_score(y[idx_te], base.decision_function(num[idx_te]))
base_auc_tr = roc_auc_score(y[idx_tr], base.decision_function(num[idx_tr]))
res = scores(cat, y)
print(f"\nInformative category (numeric features alone: test AUC {base_auc:.3f})")
print(f"{'encoding':<15} {'columns':>7} {'train AUC':>9} {'test AUC':>8}   (columns include"
      " the 2 numeric features)")
for name, (cols, auc_tr, auc_te) in res.items():
    print(f"{name:<15} {cols:>7d} {auc_tr:>9.3f} {auc_te:>8.3f}")

# Arbitrary integer codes impose a meaningless order: nothing gained over the numeric features.
assert abs(res["ordinal code"][2] - base_auc) < 0.01
# One-hot with an L2 penalty (which shrinks rare levels) scores best here; cross-fitted target
# encoding comes close with a single column.
assert res["one-hot"][2] > base_auc + 0.05 and res["TargetEncoder"][2] > base_auc + 0.04
assert 0 <= res["one-hot"][2] - res["TargetEncoder"][2] < 0.04
# Hashing into 64 buckets merges many levels: some signal survives, less than one-hot.
assert base_auc + 0.01 < res["hashing (64)"][2] < res["one-hot"][2] - 0.02
# Naive target encoding: the training rows see their own labels, so its train AUC is the
# highest of all while its test AUC is not; cross-fitting closes the gap.
gap = {k: res[k][1] - res[k][2] for k in res}
assert res["naive target"][1] == max(r[1] for r in res.values())
assert gap["naive target"] > 0.08 and gap["TargetEncoder"] < 0.02
assert res["naive target"][2] < res["one-hot"][2]

# %%
# The same with a category that has nothing to do with the label. Naive target encoding
# still "finds" a strong feature in training; cross-fitting does not.
noise_cat = rng.choice(n_levels, size=n, p=freq / freq.sum())
res_noise = scores(noise_cat, y)
print(f"\nCategory unrelated to the label")
print(f"{'encoding':<15} {'train AUC':>9} {'test AUC':>8}")
print(f"{'(numeric only)':<15} {base_auc_tr:>9.3f} {base_auc:>8.3f}")
for name in ["naive target", "TargetEncoder"]:
    print(f"{name:<15} {res_noise[name][1]:>9.3f} {res_noise[name][2]:>8.3f}")
# Compared with the numeric features alone, on the same rows:
assert res_noise["naive target"][1] > base_auc_tr + 0.07   # a "strong" feature in training
assert res_noise["naive target"][2] < base_auc - 0.03     # the fake signal hurts on new data
assert abs(res_noise["TargetEncoder"][1] - base_auc_tr) < 0.02
assert abs(res_noise["TargetEncoder"][2] - base_auc) < 0.02
