"""Detecting hallucinations by sampling consistency, and trading coverage for accuracy.

A toy question-answering model has, for every question, a distribution over eight candidate
answers. On facts it knows, most of the mass sits on the right answer; on facts it does not
know, the mass is spread out; on a few facts it learned wrongly (misconceptions), the mass sits
on a wrong answer. Sampling several answers and measuring their agreement (as SelfCheckGPT
does) or the entropy of the answer clusters (semantic entropy) flags wrong answers, except the
confidently wrong ones. Abstaining on low agreement trades coverage for accuracy.
"""

# %%
# The toy model. 3,000 questions, each with 8 candidate answers; answer 0 is correct. Each
# answer stands for a meaning cluster: with real text, samples are first grouped by meaning
# (bidirectional entailment in semantic entropy) before counting agreement.
import os

import matplotlib.pyplot as plt
import numpy as np
from sklearn.metrics import roc_auc_score

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

n_q, n_answers = 3_000, 8
kind = rng.choice(["known", "unknown", "misconception"], n_q, p=[0.6, 0.3, 0.1])
probs = np.empty((n_q, n_answers))
for q in range(n_q):
    rest = rng.dirichlet(np.ones(n_answers - 1))
    if kind[q] == "unknown":                   # no idea: mass spread, the truth is not favoured
        probs[q] = rng.dirichlet(np.full(n_answers, 0.7))
    else:                                      # peaked on one answer: right, or wrongly learned
        peak = rng.beta(9, 1.5)
        top = 0 if kind[q] == "known" else 1 + rng.integers(n_answers - 1)
        others = [a for a in range(n_answers) if a != top]
        probs[q, top], probs[q, others] = peak, (1 - peak) * rest

# The answer shown to the user is the greedy one (the most probable). Then 20 more samples.
main = probs.argmax(axis=1)
wrong = main != 0
cum = probs.cumsum(axis=1)
samples = (rng.random((n_q, 20, 1)) > cum[:, None, :]).sum(axis=2).clip(max=n_answers - 1)
print(f"{n_q} questions: error rate of the greedy answer {wrong.mean():.3f}")
assert abs(wrong.mean() - 0.36) < 0.03
assert 0.82 < wrong[kind == "unknown"].mean() < 0.93        # about 7/8: a blind guess
assert wrong[kind == "misconception"].mean() > 0.97
for k in ("known", "unknown", "misconception"):
    print(f"  {k:<14} {np.mean(kind == k):5.2f} of questions, "
          f"error rate {wrong[kind == k].mean():.2f}")


# %%
# Two detectors from m samples: disagreement with the main answer (SelfCheckGPT-style), and the
# entropy of the sampled answer clusters (semantic entropy). AUROC for flagging wrong answers,
# compared with the model's own probability of its answer, which a black-box API may not expose.
def disagreement(m):
    return 1 - (samples[:, :m] == main[:, None]).mean(axis=1)


def cluster_entropy(m):
    counts = np.stack([(samples[:, :m] == a).sum(axis=1) for a in range(n_answers)], axis=1)
    p = counts / m
    return -(np.where(p > 0, p * np.log(np.where(p > 0, p, 1)), 0)).sum(axis=1)


auroc_prob = roc_auc_score(wrong, -probs.max(axis=1))
print(f"\nAUROC for flagging a wrong answer (1 = perfect, 0.5 = chance)")
print(f"  model's own probability of its answer: {auroc_prob:.3f}")
print(f"  {'samples m':>10}  {'disagreement':>12}  {'cluster entropy':>15}")
auroc = {}
for m in (2, 5, 10, 20):
    auroc[m] = roc_auc_score(wrong, disagreement(m)), roc_auc_score(wrong, cluster_entropy(m))
    print(f"  {m:10d}  {auroc[m][0]:12.3f}  {auroc[m][1]:15.3f}")
assert auroc[2][0] < auroc[10][0] - 0.04             # more samples, better detection
assert abs(auroc[2][0] - 0.71) < 0.03 and abs(auroc[20][0] - 0.82) < 0.03
assert max(abs(auroc[m][1] - auroc[m][0]) for m in (10, 20)) < 0.02   # entropy about as good ...
assert auroc[2][1] < auroc[2][0] - 0.03              # ... given enough samples
assert abs(auroc[20][0] - auroc_prob) < 0.03         # sampling approaches the white-box signal

# Without the misconceptions the detector is much sharper: consistent-but-wrong answers are
# exactly what a consistency check cannot see. At the threshold that flags 80 % of the wrong
# answers to unknown questions, few of the misconceptions are flagged.
d20 = disagreement(20)
no_mis = kind != "misconception"
auroc_no_mis = roc_auc_score(wrong[no_mis], d20[no_mis])
threshold = np.quantile(d20[(kind == "unknown") & wrong], 0.2)
flag_unknown = np.mean(d20[(kind == "unknown") & wrong] >= threshold)
flag_mis = np.mean(d20[(kind == "misconception") & wrong] >= threshold)
false_alarm = np.mean(d20[~wrong] >= threshold)
print(f"\nwithout misconceptions, AUROC {auroc_no_mis:.3f}")
print(f"flagged at disagreement >= {threshold:.2f}: wrong answers to unknown questions "
      f"{flag_unknown:.2f}, misconceptions {flag_mis:.2f}, correct answers {false_alarm:.2f}")
assert auroc_no_mis > 0.93 and auroc_no_mis > auroc[20][0] + 0.08
assert flag_mis < 0.15 and false_alarm < 0.15
if SEED == 0:
    assert round(flag_mis, 2) == 0.01

# %%
# Selective answering: answer only when the agreement among 10 samples is high, abstain
# otherwise. Sorting questions by agreement and answering the top fraction gives the
# risk-coverage curve; random abstention at the same coverage leaves the accuracy unchanged.
score = 1 - disagreement(10) + 1e-3 * rng.random(n_q)   # tiny jitter breaks ties at random
order = np.argsort(-score)
correct_sorted = ~wrong[order]
print("\ncoverage   accuracy when answering   accuracy, random abstention")
acc_at = {}
for cov in (1.0, 0.8, 0.6, 0.4):
    k = int(cov * n_q)
    acc_at[cov] = correct_sorted[:k].mean()
    rand = (~wrong)[rng.permutation(n_q)[:k]].mean()
    print(f"{cov:8.1f} {acc_at[cov]:25.3f} {rand:29.3f}")
assert acc_at[1.0] < acc_at[0.8] < acc_at[0.6]
assert abs(acc_at[1.0] - 0.64) < 0.02 and abs(acc_at[0.6] - 0.84) < 0.02
assert acc_at[0.4] < 0.9 and acc_at[0.4] - acc_at[0.6] < 0.05   # misconceptions cap the gain
risk = 1 - np.cumsum(correct_sorted) / np.arange(1, n_q + 1)
aurc, aurc_random = risk.mean(), wrong.mean()
print(f"area under the risk-coverage curve {aurc:.3f} (random abstention {aurc_random:.3f})")
assert 0.4 < aurc / aurc_random < 0.6                 # about half

fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Accuracy of the answers given against the fraction of questions answered: abstaining on "
        "low sample agreement raises accuracy from 0.64 to about 0.84 at 60 % coverage, then "
        "levels off; random abstention stays flat",
)
cov_grid = np.arange(1, n_q + 1) / n_q
ax.plot(cov_grid, 1 - risk, label="abstain on low agreement (10 samples)")
ax.axhline((~wrong).mean(), color="grey", linestyle="--", label="random abstention")
ax.set_xlabel("coverage (fraction of questions answered)")
ax.set_ylabel("accuracy of the answers given")
ax.set_xlim(0.1, 1.0)
ax.legend(frameon=False, loc="lower left")
fig.tight_layout()

# %%
# Grading decides whether abstaining pays. Score +1 for a right answer, 0 for "I don't know",
# -penalty for a wrong answer. Answering is worth it only if P(right) > penalty / (1 + penalty).
# Choose the agreement threshold on half of the questions, evaluate on the other half.
half = rng.permutation(n_q)
tune, test = half[: n_q // 2], half[n_q // 2:]
agree = 1 - disagreement(10)
thresholds = np.unique(agree)


def graded(idx, t, penalty):
    answer = agree[idx] >= t
    return np.mean(np.where(answer, np.where(wrong[idx], -penalty, 1.0), 0.0)), np.mean(answer)


print("\npenalty for a wrong answer   always answer   best threshold   score   coverage")
for penalty in (0.0, 1.0, 3.0):
    t_best = max(thresholds, key=lambda t: graded(tune, t, penalty)[0])
    always, _ = graded(test, 0.0, penalty)
    chosen, coverage = graded(test, t_best, penalty)
    print(f"{penalty:26.0f} {always:15.3f} {t_best:16.1f} {chosen:7.3f} {coverage:10.2f}")
    if penalty > 0:
        assert chosen > always + 0.1 and 0.5 < coverage < 0.8
    else:                                       # with 0/1 grading, abstaining can only lose
        assert coverage == 1.0 and chosen == always

plt.show()
