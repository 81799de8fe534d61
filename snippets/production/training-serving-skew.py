"""Two classic sources of training-serving skew in a toy card-fraud model.

1. Time travel: in training, the feature "transactions on this card today" is read from a daily
   table that counts the whole day, including transactions that happen *after* the one being
   scored. At serving time only the transactions so far exist. The leaky model looks excellent
   offline and then under-performs the honest one online.
2. Re-implemented preprocessing: the serving team rewrites the feature code and takes log10 of
   the amount where training used the natural log. Nothing crashes; decisions change. A skew
   check that compares logged serving features with the training pipeline's output for the
   same requests catches it at once.
"""

# %%
# Simulated transactions. Fraudulent cards make bursts of purchases within a day.
import os
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)


def transactions(n_cards):
    fraud_card = rng.random(n_cards) < 0.05
    n_tx = np.where(fraud_card, 3 + rng.poisson(6, n_cards), 1 + rng.poisson(2.5, n_cards))
    card = np.repeat(np.arange(n_cards), n_tx)
    position = np.concatenate([np.arange(1, k + 1) for k in n_tx])   # 1st, 2nd, ... today
    amount = np.exp(rng.normal(np.where(fraud_card[card], 3.6, 3.2), 1.0))
    return dict(y=fraud_card[card].astype(int), amount=amount,
                so_far=position,                    # known when the transaction is scored
                whole_day=n_tx[card])               # only known at the end of the day


def features(t, count, log=np.log):
    return np.column_stack([log(t["amount"]), np.log(t[count])])


train, live = transactions(20_000), transactions(20_000)
print(f"{len(train['y']):,} training and {len(live['y']):,} live transactions, "
      f"{train['y'].mean():.1%} fraudulent")

# %%
# 1. Time travel. "Offline" scores the live data the way the training table was built
# (whole-day counts); "online" scores it with the counts available at decision time.
leaky = make_pipeline(StandardScaler(), LogisticRegression()).fit(
    features(train, "whole_day"), train["y"])
honest = make_pipeline(StandardScaler(), LogisticRegression()).fit(
    features(train, "so_far"), train["y"])
auc = {
    ("leaky", "offline"): roc_auc_score(live["y"], leaky.decision_function(
        features(live, "whole_day"))),
    ("leaky", "online"): roc_auc_score(live["y"], leaky.decision_function(
        features(live, "so_far"))),
    ("point-in-time", "offline"): roc_auc_score(live["y"], honest.decision_function(
        features(live, "so_far"))),
}
auc[("point-in-time", "online")] = auc[("point-in-time", "offline")]   # same features
print(f"\n{'training features':<18} {'offline AUC':>11} {'online AUC':>10}")
for name in ["leaky", "point-in-time"]:
    print(f"{name:<18} {auc[(name, 'offline')]:>11.3f} {auc[(name, 'online')]:>10.3f}")
assert auc[("leaky", "offline")] > auc[("point-in-time", "offline")] + 0.05   # looks better
assert auc[("leaky", "online")] < auc[("leaky", "offline")] - 0.08           # but is not
assert auc[("leaky", "online")] < auc[("point-in-time", "online")] + 0.01  # no better

# The leaky model also alerts at the wrong rate: it expects large counts from fraudsters,
# and at decision time the counts are still small.
thr = np.quantile(leaky.decision_function(features(train, "whole_day")), 0.95)
alert_off = np.mean(leaky.decision_function(features(live, "whole_day")) > thr)
alert_on = np.mean(leaky.decision_function(features(live, "so_far")) > thr)
print(f"Leaky model's alert rate at its training 95th percentile: offline {alert_off:.3f}, "
      f"online {alert_on:.3f}")
assert alert_on < 0.5 * alert_off

# %%
# 2. A re-implemented transform. Serving computes log10(amount) instead of ln(amount) and
# feeds it to the honest model, which was fitted on ln(amount).
train_side = features(live, "so_far")                       # what the training code computes
serve_side = features(live, "so_far", log=np.log10)         # what the serving code computes
score_ok = honest.decision_function(train_side)
score_bad = honest.decision_function(serve_side)
thr_h = np.quantile(honest.decision_function(features(train, "so_far")), 0.95)
changed = np.mean((score_ok > thr_h) != (score_bad > thr_h))
auc_bad = roc_auc_score(live["y"], score_bad)
print(f"\nlog10 instead of ln for the amount: {changed:.1%} of decisions change")
print(f"  alert rate {np.mean(score_ok > thr_h):.3f} -> {np.mean(score_bad > thr_h):.3f}, "
      f"AUC {auc[('point-in-time', 'online')]:.3f} -> {auc_bad:.3f}")
assert changed > 0.02
# The ranking barely moves (log10 is ln times a constant), so AUC hides the bug; the share of
# alerts, which is what operations see, collapses.
assert abs(auc_bad - auc[("point-in-time", "online")]) < 0.01
assert np.mean(score_bad > thr_h) < 0.5 * np.mean(score_ok > thr_h)

# Skew check: recompute the features of logged requests with the training pipeline and compare
# them with the values the server actually used, feature by feature.
mismatch = np.mean(~np.isclose(train_side, serve_side, rtol=1e-6), axis=0)
print("Share of logged requests whose served value differs from the training pipeline:")
for name, m in zip(["log amount", "log count"], mismatch):
    print(f"  {name:<11} {m:.3f}")
assert mismatch[0] > 0.99 and mismatch[1] == 0.0
