"""Cold start in a ratings recommender: new items and new users.

Synthetic ratings come from user and item taste vectors; each item's vector is largely (not
fully) predictable from its metadata. A matrix factorisation is fitted by alternating least
squares on the warm items and warm users only. Then:

* New items (no ratings): predict with the global mean, with a content model of popularity,
  or with a content model that maps metadata to the item's latent factors (personalised).
* New users: fold in a user vector from their first k ratings; with k = 0 the regularised
  solution is the zero vector, i.e. the popularity baseline.
"""

# %%
# Ground truth. r = mu + b_item + u . v + noise, with v = A f + residual for metadata f.
import os
import matplotlib.pyplot as plt
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
n_users, n_items, n_feat, rank = 500, 300, 8, 4
F = rng.normal(size=(n_items, n_feat))                      # item metadata (genre, price, ...)
A = rng.normal(size=(n_feat, rank)) / np.sqrt(n_feat)
V_true = F @ A + 0.4 * rng.normal(size=(n_items, rank))
b_true = F @ rng.normal(scale=0.3, size=n_feat) + 0.2 * rng.normal(size=n_items)
U_true = rng.normal(size=(n_users, rank))
mu = 3.5
R_true = mu + b_true + U_true @ V_true.T
observed = rng.random((n_users, n_items)) < 0.15
R = np.where(observed, R_true + 0.5 * rng.normal(size=R_true.shape), np.nan)

cold_items = np.arange(n_items) >= 250                     # 50 items nobody has rated yet
new_users = np.arange(n_users) >= 400                      # 100 users not in training
held_out = rng.random((n_users, n_items)) < 0.2              # 20 % of warm ratings for testing
train = observed & ~cold_items & ~new_users[:, None] & ~held_out
print(f"{n_users} users x {n_items} items, {train.sum():,} training ratings; "
      f"{cold_items.sum()} cold items, {new_users.sum()} new users")

# %%
# Fit biases and factors on the warm part with ALS (L2-regularised least squares, alternating).
lam = 5.0
mu_hat = R[train].mean()
b_hat = np.zeros(n_items)
cnt = train.sum(axis=0)
b_hat[cnt > 0] = (np.nansum(np.where(train, R - mu_hat, 0), axis=0)[cnt > 0]
                  / (cnt[cnt > 0] + 5.0))                   # shrunk item means
resid = np.where(train, R - mu_hat - b_hat, 0.0)
U = 0.1 * rng.normal(size=(n_users, rank))
V = 0.1 * rng.normal(size=(n_items, rank))
I = lam * np.eye(rank)
for _ in range(12):
    for i in np.flatnonzero(~new_users):
        m = train[i]
        U[i] = np.linalg.solve(V[m].T @ V[m] + I, V[m].T @ resid[i, m])
    for j in np.flatnonzero(~cold_items):
        m = train[:, j]
        V[j] = np.linalg.solve(U[m].T @ U[m] + I, U[m].T @ resid[m, j])


def rmse(pred, mask):
    return float(np.sqrt(np.mean((pred - R)[mask] ** 2)))


warm_test = observed & held_out & ~cold_items & ~new_users[:, None]
err_warm = rmse(mu_hat + b_hat + U @ V.T, warm_test)
print(f"Warm users, warm items, held-out ratings: RMSE {err_warm:.3f}")

# %%
# New items. Ridge regressions from metadata F to the learned item bias and item factors,
# fitted on warm items, give every cold item a bias and a factor vector.
Fw = np.c_[F, np.ones(n_items)][~cold_items]
Fc = np.c_[F, np.ones(n_items)][cold_items]
ridge = lambda T: np.linalg.solve(Fw.T @ Fw + 1.0 * np.eye(Fw.shape[1]), Fw.T @ T)
b_cold = Fc @ ridge(b_hat[~cold_items])
V_cold = Fc @ ridge(V[~cold_items])
cold_mask = observed & cold_items & ~new_users[:, None]
warm_users = ~new_users[:, None]
preds = {
    "global mean": np.full(R.shape, mu_hat),
    "content popularity": mu_hat + np.zeros(n_users)[:, None] + np.r_[b_hat[~cold_items], b_cold],
    "content -> factors": mu_hat + np.r_[b_hat[~cold_items], b_cold]
                          + U @ np.r_[V[~cold_items], V_cold].T,
}
err_items = {k: rmse(p, cold_mask) for k, p in preds.items()}
# Ranking quality per user on cold items: share of correctly ordered pairs (per-user AUC-like).


def pair_accuracy(P):
    acc = []
    for i in np.flatnonzero(~new_users):
        j = np.flatnonzero(cold_mask[i])
        if len(j) < 3:
            continue
        dt = np.sign(R[i, j][:, None] - R[i, j][None, :])
        dp = np.sign(P[i, j][:, None] - P[i, j][None, :])
        keep = dt != 0
        acc.append(np.mean((dt == dp)[keep]))
    return float(np.mean(acc))


pairs = {k: pair_accuracy(p) for k, p in preds.items() if k != "global mean"}
print(f"\nCold items (rated only in the test data)    RMSE   pairs ordered correctly")
for k in preds:
    shown = f"{pairs[k]:.3f}" if k in pairs else "  -  "
    print(f"  {k:<40} {err_items[k]:.3f}   {shown}")
assert err_items["content popularity"] < err_items["global mean"] - 0.02
assert err_items["content -> factors"] < err_items["content popularity"] - 0.2
assert pairs["content -> factors"] > pairs["content popularity"] + 0.1
assert err_warm < err_items["content -> factors"] - 0.1    # real ratings still beat metadata

# %%
# New users. Reveal k of each new user's ratings, fold in a user vector by the same ridge
# solve ALS uses, and score the user's remaining ratings on warm items.
ks = [0, 1, 2, 3, 5, 10, 20]
order = [rng.permutation(np.flatnonzero(observed[i] & ~cold_items)) for i in range(n_users)]
err_users = []
for k in ks:
    se, se_pop, n = 0.0, 0.0, 0
    for i in np.flatnonzero(new_users):
        shown, hidden = order[i][:k], order[i][20:]         # same hidden set for every k
        r_shown = R[i, shown] - mu_hat - b_hat[shown]
        u = np.linalg.solve(V[shown].T @ V[shown] + I, V[shown].T @ r_shown)
        p = mu_hat + b_hat[hidden] + V[hidden] @ u
        se += np.sum((p - R[i, hidden]) ** 2)
        se_pop += np.sum((mu_hat + b_hat[hidden] - R[i, hidden]) ** 2)
        n += len(hidden)
    err_users.append(np.sqrt(se / n))
    if k == 0:
        pop = np.sqrt(se_pop / n)                           # popularity on the same ratings
err_users = np.array(err_users)
print("\nNew users: RMSE on their other ratings after k ratings")
print("  k    " + " ".join(f"{k:>6d}" for k in ks))
print("  RMSE " + " ".join(f"{e:>6.3f}" for e in err_users))
assert np.isclose(err_users[0], pop)                        # k = 0 is the popularity baseline
assert err_users[-1] < err_users[0] - 0.3
assert np.all(np.diff(err_users) < 0)                      # more ratings, lower error

# %%
# Figure: new-user error against the number of ratings given.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Prediction error for new users against the number of ratings they have given: at zero "
        "ratings it equals the popularity baseline, and it falls with every extra rating "
        "folded into the user's taste vector, to well below the baseline after 20 ratings.")
ax.plot(ks, err_users, "o-", label="fold-in of the user's first k ratings")
ax.axhline(err_users[0], color="grey", ls="--", label="popularity baseline (k = 0)")
ax.set(xlabel="ratings given by the new user (k)", ylabel="RMSE on their other ratings")
ax.legend()
fig.tight_layout()
plt.show()
