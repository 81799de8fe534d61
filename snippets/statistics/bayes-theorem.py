"""Bayes' theorem on the classic base-rate problem, checked three ways.

A disease affects 1 % of people; the test catches 90 % of cases (sensitivity) and wrongly flags
5 % of healthy people (false-positive rate). What is P(disease | positive test)? The program
computes it with the formula, with the odds form, and by simulating a population, then repeats
the test, and shows how the answer depends on the prevalence.
"""

# %%
# The formula, with exact fractions so nothing is lost to rounding.
import os
from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

prior = Fraction(1, 100)          # P(D)
sens = Fraction(90, 100)          # P(+ | D)
fpr = Fraction(5, 100)            # P(+ | not D) = 1 - specificity
evidence = sens * prior + fpr * (1 - prior)          # P(+), by total probability
posterior = sens * prior / evidence                  # P(D | +)
print(f"P(+) = {float(evidence):.4f}")
print(f"P(D | +) = {posterior} = {float(posterior):.3f}")
assert posterior == Fraction(2, 13)                  # 90 / 585, about 15.4 %

# %%
# Odds form: posterior odds = prior odds x likelihood ratio, with LR+ = sensitivity / FPR.
lr_pos = sens / fpr
post_odds = prior / (1 - prior) * lr_pos
print(f"likelihood ratio {lr_pos}, prior odds 1:99, posterior odds {post_odds} "
      f"-> probability {float(post_odds / (1 + post_odds)):.3f}")
assert post_odds == Fraction(2, 11) and post_odds / (1 + post_odds) == posterior

# %%
# Natural frequencies: simulate a million people.
rng = np.random.default_rng(SEED)
n = 1_000_000
sick = rng.random(n) < float(prior)
positive = np.where(sick, rng.random(n) < float(sens), rng.random(n) < float(fpr))
print(f"\nsimulated: {sick.sum()} sick, {positive.sum()} positive tests, "
      f"{(sick & positive).sum()} of them sick -> {sick[positive].mean():.3f}")
assert abs(sick[positive].mean() - float(posterior)) < 0.005

# %%
# A second, independent positive test: yesterday's posterior is today's prior.
second = sens * posterior / (sens * posterior + fpr * (1 - posterior))
print(f"after a second positive test: P(D | +, +) = {float(second):.3f}")
assert 0.75 < second < 0.78
# A negative test after a positive one brings the probability below the original 15 %.
neg = (1 - sens) * posterior / ((1 - sens) * posterior + (1 - fpr) * (1 - posterior))
print(f"positive then negative: P(D | +, -) = {float(neg):.3f}")
assert neg < posterior

# %%
# Same test, different populations: the positive predictive value depends on the prevalence.
prevalence = np.logspace(-4, np.log10(0.5), 200)
s, f = float(sens), float(fpr)
ppv = s * prevalence / (s * prevalence + f * (1 - prevalence))
ppv2 = s * ppv / (s * ppv + f * (1 - ppv))
print("\nprevalence   P(D | +)")
for p in (0.001, 0.01, 0.1, 0.3):
    value = s * p / (s * p + f * (1 - p))
    print(f"{p:10.3f}   {value:8.3f}")
assert s * 0.001 / (s * 0.001 + f * 0.999) < 0.02 and s * 0.3 / (s * 0.3 + f * 0.7) > 0.85

# %%
# Figure: P(disease | positive) against prevalence, after one and two positive tests.
fig, ax = plt.subplots(
    figsize=(6.4, 3.6),
    num="Probability of disease given a positive test against prevalence, for a test with 90 "
        "percent sensitivity and a 5 percent false-positive rate: about 15 percent at 1 percent "
        "prevalence after one positive test, and about 77 percent after two",
)
ax.semilogx(prevalence, ppv, label="after one positive test")
ax.semilogx(prevalence, ppv2, label="after two positive tests")
ax.axvline(0.01, color="grey", linestyle=":", linewidth=1)
ax.scatter([0.01, 0.01], [float(posterior), float(second)], color="black", zorder=3)
ax.set_xlabel("prevalence P(D)")
ax.set_ylabel("P(D | positive)")
ax.legend(frameon=False, loc="upper left")
fig.tight_layout()
plt.show()
