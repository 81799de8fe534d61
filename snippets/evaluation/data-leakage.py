"""Three kinds of data leakage, each measured against an honest evaluation.

1. Feature selection on the full data set before cross-validation, on labels that are pure noise.
2. Several rows per patient split at random, so the same patient sits in training and test folds.
3. Target leakage: a feature recorded after the outcome, which will not exist at prediction time.
Each leaky score is compared with a correct one; a bar chart sums up the gaps.
"""

# %%
# 1. Selection before splitting. 80 samples, 2,000 random features, random labels: nothing can be
# learned, so an honest accuracy is about 0.5. Choosing the 20 features most correlated with y on
# all rows, then cross-validating, reports a high score. Inside a pipeline, the selection is
# redone on each training fold and the score falls back to chance.
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, KFold, StratifiedKFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
X_noise = rng.normal(size=(80, 2000))
y_noise = rng.integers(0, 2, size=80)
cv = StratifiedKFold(5, shuffle=True, random_state=SEED)

X_selected = SelectKBest(f_classif, k=20).fit_transform(X_noise, y_noise)  # sees every label
leaky_sel = cross_val_score(LogisticRegression(), X_selected, y_noise, cv=cv).mean()
pipe = make_pipeline(SelectKBest(f_classif, k=20), LogisticRegression())
honest_sel = cross_val_score(pipe, X_noise, y_noise, cv=cv).mean()
print("1. feature selection, random labels  (chance = 0.5)")
print(f"   selected on all rows, then CV   accuracy {leaky_sel:.2f}")
print(f"   selection inside the pipeline   accuracy {honest_sel:.2f}")
assert leaky_sel > 0.8 and abs(honest_sel - 0.5) < 0.15

# %%
# 2. Group leakage. 60 patients, 8 scans each. The label is a property of the patient and is
# only weakly related to the features, but every patient has a distinctive feature signature.
# A 1-nearest-neighbour model finds the same patient's other scans when they are in training.
n_patients, per_patient, d = 60, 8, 10
patient = np.repeat(np.arange(n_patients), per_patient)
label_of_patient = rng.integers(0, 2, size=n_patients)
signature = rng.normal(size=(n_patients, d))
signature[:, 0] += 0.3 * label_of_patient          # a weak real signal
X_grp = signature[patient] + 0.3 * rng.normal(size=(patient.size, d))
y_grp = label_of_patient[patient]
knn = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=1))
row_cv = cross_val_score(knn, X_grp, y_grp, cv=KFold(5, shuffle=True, random_state=SEED)).mean()
grp_cv = cross_val_score(knn, X_grp, y_grp, cv=GroupKFold(5), groups=patient).mean()
print("\n2. several scans per patient")
print(f"   rows split at random (KFold)    accuracy {row_cv:.2f}")
print(f"   patients kept whole (GroupKFold) accuracy {grp_cv:.2f}")
assert row_cv > 0.95 and grp_cv < 0.7

# %%
# 3. Target leakage. Add a column "treatment started", recorded after diagnosis: it agrees with
# the malignant label 95 % of the time. Cross-validation with it looks superb. At prediction time
# the treatment has not happened yet (the column is always 0), and the model trained on it fails.
X, y = load_breast_cancer(return_X_y=True)
X, y = X[:, [1, 4, 8]], 1 - y  # three weak features (texture, smoothness, symmetry); 1 = malignant
treated = np.where(rng.random(y.size) < 0.95, y, 1 - y)
X_leak = np.c_[X, treated]
model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
cv_with = cross_val_score(model, X_leak, y, cv=cv).mean()
cv_without = cross_val_score(model, X, y, cv=cv).mean()

# Deployment: fit on the odd rows (with the leaky column), predict the even rows as they look
# at prediction time, with no treatment recorded yet.
tr, te = np.arange(y.size) % 2 == 1, np.arange(y.size) % 2 == 0
X_deploy = X_leak[te].copy()
X_deploy[:, -1] = 0
deployed = model.fit(X_leak[tr], y[tr]).score(X_deploy, y[te])
print("\n3. feature recorded after the outcome")
print(f"   CV with the leaky feature       accuracy {cv_with:.2f}")
print(f"   CV without it                   accuracy {cv_without:.2f}")
print(f"   leaky model at prediction time  accuracy {deployed:.2f}")
assert cv_with > 0.9 and cv_with > cv_without + 0.1
assert deployed < cv_without - 0.05  # worse than simply leaving the column out

# %%
# Figure: each reported score next to its honest counterpart.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Bar chart comparing leaky and honest accuracy for three kinds of leakage: feature "
        "selection before cross-validation, patients split across folds, and a feature recorded "
        "after the outcome; every leaky score is far above the honest one",
)
cases = ["selection\nbefore CV", "patients split\nacross folds", "post-outcome\nfeature"]
leaky = [leaky_sel, row_cv, cv_with]
honest = [honest_sel, grp_cv, deployed]
pos = np.arange(3)
ax.bar(pos - 0.2, leaky, width=0.4, label="reported (leaky)", color="tab:red")
ax.bar(pos + 0.2, honest, width=0.4, label="honest / at prediction time", color="tab:blue")
ax.axhline(0.5, color="grey", linestyle=":", linewidth=1)
ax.set_xticks(pos, cases)
ax.set_ylabel("accuracy")
ax.set_ylim(0, 1.05)
ax.legend(frameon=False, loc="upper center", ncols=2, bbox_to_anchor=(0.5, 1.15))
fig.tight_layout()
plt.show()
