"""Feedback loops in a deployed recommender, simulated.

Part 1: a system retrained every round on its own click logs. A greedy policy only learns about
the items it already shows, so it often locks in on a mediocre item; a little exploration
(epsilon-greedy, Thompson sampling) escapes. Part 2: logs produced by a policy are biased data
for judging another policy; inverse propensity scoring fixes the estimate if propensities
were logged.
"""

# %%
# Part 1. Ten items with click-through rates between 1 % and 10 %. The system starts with 10
# logged impressions per item, then for 200 rounds ("days") serves 200 impressions according to
# its policy and retrains its CTR estimates on everything logged so far. 300 independent worlds
# are simulated at once.
import os
import matplotlib.pyplot as plt
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
n_worlds, n_items, n_rounds, per_round, n_init = 300, 10, 200, 200, 10
true_ctr = rng.uniform(0.01, 0.10, size=(n_worlds, n_items))
best = true_ctr.argmax(axis=1)
rows = np.arange(n_worlds)


def simulate(policy, eps=0.1):
    imps = np.full((n_worlds, n_items), float(n_init))
    clicks = rng.binomial(n_init, true_ctr).astype(float)
    share_best = []
    for _ in range(n_rounds):
        est = clicks / imps                         # the retrained model: observed CTR
        if policy == "greedy":                      # show the item with the best estimate
            probs = np.zeros_like(est)
            probs[rows, est.argmax(axis=1)] = 1.0
        elif policy == "epsilon-greedy":            # same, but 10 % of traffic is random
            probs = np.full_like(est, eps / n_items)
            probs[rows, est.argmax(axis=1)] += 1 - eps
        else:                                       # Thompson sampling, by Monte Carlo
            draws = rng.beta(clicks[..., None] + 1, imps[..., None] - clicks[..., None] + 1,
                             size=(n_worlds, n_items, 32))
            winners = draws.argmax(axis=1)
            probs = np.stack([(winners == k).mean(axis=1) for k in range(n_items)], axis=1)
        shown = rng.multinomial(per_round, probs)   # impressions per item this round
        clicks += rng.binomial(shown, true_ctr)
        imps += shown
        share_best.append(probs[rows, best].mean())
    pick = (clicks / imps).argmax(axis=1)           # what the system believes is best
    return dict(share=np.array(share_best), found=np.mean(pick == best),
                rel_ctr=np.mean(true_ctr[rows, pick] / true_ctr[rows, best]),
                never=np.mean(imps == n_init))


res = {p: simulate(p) for p in ("greedy", "epsilon-greedy", "Thompson")}
print(f"{'policy':<15} {'finds the best item':>20} {'CTR of its pick / best':>23} "
      f"{'items never re-tested':>22}")
for p, r in res.items():
    print(f"{p:<15} {r['found']:20.0%} {r['rel_ctr']:23.3f} {r['never']:22.0%}")
g, e, t = res["greedy"], res["epsilon-greedy"], res["Thompson"]
assert g["found"] < 0.6 and g["never"] > 0.5       # lock-in: most items never get a 2nd look
assert e["found"] > g["found"] + 0.15 and t["found"] > g["found"] + 0.3
assert e["never"] == 0 and t["never"] == 0
assert g["rel_ctr"] < min(e["rel_ctr"], t["rel_ctr"]) - 0.04
# Traffic on the best item (plotted below): greedy has levelled off by round 100, below 0.6;
# epsilon-greedy ends between 0.55 and 0.8; Thompson sampling is still rising, above 0.7.
share_at = {p: (r["share"][99], r["share"][-1]) for p, r in res.items()}
print("share of traffic on the best item, rounds 100 and 200: " + ", ".join(
    f"{p} {a:.2f} and {b:.2f}" for p, (a, b) in share_at.items()))
assert share_at["greedy"][1] < 0.6 and abs(share_at["greedy"][1] - share_at["greedy"][0]) < 0.02
assert 0.55 < share_at["epsilon-greedy"][1] < 0.8
assert share_at["Thompson"][1] > 0.7 and share_at["Thompson"][1] > share_at["Thompson"][0] + 0.03

# %%
# Part 2. Two user types and two items. Item A suits type 0 users (CTR 10 % vs 2 %); item B is
# 5 % for everyone. The logging policy already shows A mostly to type 0 users. Question: what
# would the CTR be if we showed A to everyone? The naive estimate (CTR of A in the logs) says
# "high" because A was shown to the users who like it; IPS reweights each logged impression
# by 1 / (probability the logging policy chose that item for that user).
n = 200_000
user_type = rng.integers(0, 2, size=n)
ctr = np.array([[0.10, 0.05], [0.02, 0.05]])       # ctr[user type, item]
p_show_a = np.where(user_type == 0, 0.9, 0.1)      # logging policy, its propensities logged
action = (rng.random(n) >= p_show_a).astype(int)   # 0 = A, 1 = B
click = rng.random(n) < ctr[user_type, action]
propensity = np.where(action == 0, p_show_a, 1 - p_show_a)

truth = ctr[:, 0].mean()                            # everyone gets A: equal mix of types
naive = click[action == 0].mean()
ips = np.mean((action == 0) * click / propensity)
print(f"\nCTR if item A were shown to everyone: truth {truth:.4f}, "
      f"naive from logs {naive:.4f}, IPS {ips:.4f}")
assert naive > truth + 0.02                         # biased by who was shown A
assert abs(ips - truth) < 0.003                     # inverse propensity weighting removes it

# %%
# Figure: share of impressions going to the truly best item, round by round.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Average share of impressions given to the truly best item over 200 retraining rounds: "
        "the greedy system levels off just below one half, epsilon-greedy climbs to about 0.63 "
        "and Thompson sampling keeps climbing, to about 0.8",
)
for p, r in res.items():
    ax.plot(np.arange(1, n_rounds + 1), r["share"], label=p)
ax.set(xlabel="retraining round", ylabel="share of traffic on the best item", ylim=(0, 1))
ax.legend(fontsize=8)
fig.tight_layout()
plt.show()
