"""Which monitor notices a broken upstream feed first?

A credit-style model scores 4000 applications a day for 60 days. Its labels (default or not)
arrive 14 days after each decision. On day 20 a partner feed starts failing and half of the
income values arrive empty; the serving code silently fills them with the training median.
Three daily monitors run: a data-quality check (missing rate per feature), prediction drift (PSI
of the score distribution against training), and performance (AUC, which can only be computed
once labels arrive). Alert thresholds come from the first 14 days. Last, 14 days of concept
drift (same inputs, a changed relation to the label) show what input and score monitors miss.
"""

# %%
# Training data and model. Income is log-normal; the model uses log(income).
import os
import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
W = np.array([-1.4, 0.8, 0.6])


def applications(n, w=W):
    income = np.exp(rng.normal(10.5, 0.5, size=n))
    X = np.column_stack([income, rng.normal(size=n), rng.normal(size=n)])
    z = np.column_stack([(np.log(income) - 10.5) / 0.5, X[:, 1], X[:, 2]])
    y = (rng.random(n) < 1 / (1 + np.exp(-(z @ w - 2.0)))).astype(int)
    return X, y


def features(X, median_income):
    """Serving-time feature code: fills a missing income with the training median."""
    income = np.where(np.isnan(X[:, 0]), median_income, X[:, 0])
    return np.column_stack([np.log(income), X[:, 1], X[:, 2]])


X_train, y_train = applications(20_000)
median_income = np.median(X_train[:, 0])
model = LogisticRegression().fit(features(X_train, median_income), y_train)
train_scores = model.predict_proba(features(X_train, median_income))[:, 1]


def psi(ref, cur, bins=10):
    edges = np.quantile(ref, np.linspace(0, 1, bins + 1))[1:-1]
    e = np.bincount(np.searchsorted(edges, ref), minlength=bins) / len(ref)
    a = np.bincount(np.searchsorted(edges, cur), minlength=bins) / len(cur)
    a, e = np.clip(a, 1e-4, None), np.clip(e, 1e-4, None)
    return float(np.sum((a - e) * np.log(a / e)))


# %%
# Sixty days in production. From day 20, half of the incomes are missing.
days, bug_day, label_delay, n_day = 60, 20, 14, 4000
missing, score_psi, auc = np.zeros(days), np.zeros(days), np.zeros(days)
for d in range(days):
    X, y = applications(n_day)
    if d >= bug_day:
        X[rng.random(n_day) < 0.5, 0] = np.nan
    scores = model.predict_proba(features(X, median_income))[:, 1]
    missing[d] = np.isnan(X[:, 0]).mean()
    score_psi[d] = psi(train_scores, scores)
    auc[d] = roc_auc_score(y, scores)             # known only on day d + label_delay

# %%
# Alert rules: a fixed limit for the missing rate (it was 0 in training), and mean + 4 sd of
# the first 14 days for PSI and mean - 4 sd for AUC.
base = slice(0, 14)
limits = {
    "missing income": 0.01,
    "score PSI": score_psi[base].mean() + 4 * score_psi[base].std(),
    "AUC": auc[base].mean() - 4 * auc[base].std(),
}
alarm = {"missing income": missing > limits["missing income"],
         "score PSI": score_psi > limits["score PSI"],
         "AUC": auc < limits["AUC"]}
known_on = {"missing income": 0, "score PSI": 0, "AUC": label_delay}
first = {k: int(np.argmax(v)) + known_on[k] for k, v in alarm.items()}
print(f"Upstream bug starts on day {bug_day}; labels arrive {label_delay} days late.")
print(f"{'monitor':<16} {'limit':>7} {'before bug':>11} {'after bug':>10} {'first alert on':>15}")
for k, v in {"missing income": missing, "score PSI": score_psi, "AUC": auc}.items():
    print(f"{k:<16} {limits[k]:>7.3f} {v[:bug_day].mean():>11.3f} {v[bug_day:].mean():>10.3f}"
          f" {'day ' + str(first[k]):>15}")

for k in alarm:
    assert not alarm[k][:bug_day].any(), k                     # no false alarms before the bug
assert first["missing income"] == bug_day and first["score PSI"] == bug_day
assert first["AUC"] == bug_day + label_delay                   # two weeks later
assert auc[bug_day:].mean() < auc[:bug_day].mean() - 0.04
print(f"Decisions made on broken inputs before the AUC alert: "
      f"{(first['AUC'] - bug_day) * n_day:,}")

# %%
# What these monitors cannot see: concept drift. For 14 more days the applicants come from the
# same distribution, and the feed works, but income now barely predicts default (its weight
# falls from -1.4 to -0.2, say a downturn that hits every income band). P(x) and hence the
# scores are unchanged; P(y | x) is not, and only the labels show it.
drift_psi, drift_auc = np.zeros(14), np.zeros(14)
for d in range(14):
    X, y = applications(n_day, w=np.array([-0.2, 0.8, 0.6]))
    scores = model.predict_proba(features(X, median_income))[:, 1]
    drift_psi[d], drift_auc[d] = psi(train_scores, scores), roc_auc_score(y, scores)
print(f"Concept drift, 14 days: score PSI at most {drift_psi.max():.3f} (limit "
      f"{limits['score PSI']:.3f}); AUC {drift_auc.mean():.3f} (limit {limits['AUC']:.3f})")
assert (drift_psi < limits["score PSI"]).all()               # the score monitor stays silent
assert (drift_auc < limits["AUC"]).all()                     # the label-based one fires daily

# %%
# Figure: the three monitors as a dashboard, each plotted on the day its value is known.
fig, axes = plt.subplots(
    3, 1, figsize=(6.4, 5.6), sharex=True,
    num="A three-panel monitoring dashboard over 60 days: the missing-income rate jumps from 0 "
        "to about 0.5 on day 20, the score PSI jumps above its alert limit the same day, and "
        "the AUC, plotted on the day labels arrive, falls below its limit only from day 34.")
series = [("missing income", missing, 0), ("score PSI", score_psi, 0), ("AUC", auc, label_delay)]
for ax, (k, v, lag) in zip(axes, series):
    t = np.arange(days) + lag
    keep = t < days
    ax.plot(t[keep], v[keep], "o-", ms=3)
    ax.axhline(limits[k], color="C3", ls="--", lw=1, label="alert limit")
    ax.axvline(bug_day, color="grey", ls=":", lw=1)
    ax.set_ylabel(k)
axes[0].legend(loc="upper left", fontsize=8)
axes[2].set_xlabel("day the value becomes known (dotted line: the feed breaks)")
fig.tight_layout()
plt.show()
