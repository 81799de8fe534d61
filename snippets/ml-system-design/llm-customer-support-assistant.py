"""The numbers behind an LLM customer-support assistant with retrieval, guardrails and escalation.

From stated assumptions: tokens and cost per conversation and per day, the latency budget of one
answer (guardrail, retrieval, reranking, prefill, decode) and the number of concurrent streams.
On a synthetic embedding set of help-centre passages grouped by topic, the recall@k of dense
retrieval, which sets how many passages the prompt must carry. On synthetic confidence scores,
the escalation threshold's trade-off between containment (conversations the bot resolves) and
the error rate of the answers it gives. Ends with the architecture diagram.
"""

# %%
# Tokens and cost. A conversation has several turns; each turn re-sends the system prompt, the
# retrieved passages and the history so far, then generates an answer. Prices are illustrative
# per-million-token list prices of a mid-sized hosted model; a cached system prompt is billed at
# a discount.
import os

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyBboxPatch

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others
rng = np.random.default_rng(SEED)

CONVERSATIONS_PER_DAY, TURNS = 200_000, 4
SYSTEM, PASSAGES, PASSAGE_TOKENS = 800, 5, 250        # system prompt + policies; retrieved context
USER_TOKENS, ANSWER_TOKENS, GUARD_TOKENS = 60, 180, 300   # per turn; guard classifies in + out
PRICE_IN, PRICE_CACHED, PRICE_OUT, PRICE_GUARD = 1.0, 0.25, 4.0, 0.1   # $ per million tokens

input_tokens = cached_tokens = 0
for turn in range(TURNS):
    history = turn * (USER_TOKENS + ANSWER_TOKENS)
    cached_tokens += SYSTEM
    input_tokens += PASSAGES * PASSAGE_TOKENS + history + USER_TOKENS
output_tokens = TURNS * ANSWER_TOKENS
guard_tokens = TURNS * 2 * GUARD_TOKENS
cost = (input_tokens * PRICE_IN + cached_tokens * PRICE_CACHED + output_tokens * PRICE_OUT
        + guard_tokens * PRICE_GUARD) / 1e6
print(f"per conversation: {input_tokens + cached_tokens:,} input tokens ({cached_tokens:,} cached), "
      f"{output_tokens} output, {guard_tokens:,} guard -> ${cost:.4f}")
print(f"per day: {CONVERSATIONS_PER_DAY * (input_tokens + cached_tokens + output_tokens) / 1e9:.2f} B tokens, "
      f"${CONVERSATIONS_PER_DAY * cost:,.0f}")
assert input_tokens + cached_tokens == 9_880 and output_tokens == 720
assert round(cost, 4) == 0.0106 and round(CONVERSATIONS_PER_DAY * cost) == 2_120
# The retrieved passages, not the answer, are the largest part of the input: about half of it.
passage_share = TURNS * PASSAGES * PASSAGE_TOKENS / (input_tokens + cached_tokens)
history_tokens = input_tokens - TURNS * (PASSAGES * PASSAGE_TOKENS + USER_TOKENS)
print(f"input tokens: passages {TURNS * PASSAGES * PASSAGE_TOKENS:,} ({passage_share:.0%}), system {cached_tokens:,}, "
      f"history {history_tokens:,}, user {TURNS * USER_TOKENS}")
assert 0.48 < passage_share < 0.52 and TURNS * PASSAGES * PASSAGE_TOKENS > max(cached_tokens, history_tokens)
# One point of containment (1 % of conversations no longer handled by a $5 human contact) saves
# more than the whole day's model bill.
point_of_containment = 0.01 * CONVERSATIONS_PER_DAY * (5.0 - cost)
print(f"one point of containment saves ${point_of_containment:,.0f} a day")
assert round(point_of_containment, -3) == 10_000 and point_of_containment > CONVERSATIONS_PER_DAY * cost

# %%
# Latency of one turn. Time to first token (TTFT) = input guardrail + query embedding and
# vector search + cross-encoder reranking + prefill; the answer then streams at the decode rate.
# The output guardrail checks streamed chunks, so it adds little to the end of the answer.
stages = {"input guardrail (small classifier)": 0.04, "embed query + vector search": 0.05,
          "rerank 50 candidates": 0.08}
prefill_tokens = SYSTEM + PASSAGES * PASSAGE_TOKENS + 3 * (USER_TOKENS + ANSWER_TOKENS) + USER_TOKENS
PREFILL_TOK_S, DECODE_TOK_S = 8_000, 60                 # per request, on a shared, batched GPU
stages["prefill"] = prefill_tokens / PREFILL_TOK_S
ttft = sum(stages.values())
decode = ANSWER_TOKENS / DECODE_TOK_S
for name, s in stages.items():
    print(f"  {name:<36}{s * 1000:>6.0f} ms")
print(f"  {'time to first token':<36}{ttft * 1000:>6.0f} ms")
print(f"  {'decode ' + str(ANSWER_TOKENS) + ' tokens':<36}{decode * 1000:>6.0f} ms")
assert round(ttft, 2) == 0.52 and round(stages['prefill'] * 1000) == 354 and round(decode, 1) == 3.0
# Concurrency by Little's law: answers in flight = arrival rate x time per answer.
peak_turns_s = 3 * CONVERSATIONS_PER_DAY * TURNS / 86_400
in_flight = peak_turns_s * (ttft + decode)
print(f"peak {peak_turns_s:.0f} answers/s x {ttft + decode:.1f} s each = {in_flight:.0f} concurrent streams")
assert 25 < peak_turns_s < 30 and 90 < in_flight < 110

# %%
# Retrieval recall@k on synthetic embeddings: 3,000 passages in 150 topics (passages of one
# topic are near each other, as help articles on refunds are), queries are noisy paraphrases of
# one gold passage, some close to it, some vague (the noise level varies by query). Unit vectors
# and cosine similarity, exact search.
D, TOPICS, PER_TOPIC, QUERIES = 64, 150, 20, 2_000
topic_centre = rng.normal(0, 1, (TOPICS, D))
docs = np.repeat(topic_centre, PER_TOPIC, axis=0) + 0.6 * rng.normal(0, 1, (TOPICS * PER_TOPIC, D))
docs /= np.linalg.norm(docs, axis=1, keepdims=True)
gold = rng.integers(0, len(docs), QUERIES)
vagueness = 0.16 * rng.lognormal(0, 0.5, (QUERIES, 1))
queries = docs[gold] + vagueness * rng.normal(0, 1, (QUERIES, D))
queries /= np.linalg.norm(queries, axis=1, keepdims=True)
rank_of_gold = ((queries @ docs.T) > (queries * docs[gold]).sum(axis=1, keepdims=True)).sum(axis=1)
recall = {k: (rank_of_gold < k).mean() for k in (1, 3, 5, 10, 20)}
print("\n" + "  ".join(f"recall@{k} {r:.3f}" for k, r in recall.items()))
print(f"passage tokens in the prompt at k=5: {5 * PASSAGE_TOKENS}, at k=20: {20 * PASSAGE_TOKENS}")
assert 0.4 < recall[1] < 0.5 and 0.85 < recall[5] < 0.89   # under half at k=1, ~0.87 at k=5
assert 0.05 < recall[20] - recall[5] < 0.075                 # 4x the tokens buys ~6 points

# %%
# Escalation threshold. For each conversation the bot has a confidence score (from the answer
# model, a verifier and retrieval scores); 75 % of conversations are answerable, the rest need a
# human (account changes, policy exceptions) or get a wrong answer. Answer when the score is
# above the threshold, escalate otherwise.
n = 50_000
correct = rng.random(n) < 0.75
score = np.where(correct, rng.beta(5, 2, n), rng.beta(2, 4, n))
print(f"\n{'threshold':>9}{'containment':>13}{'error rate':>12}{'cost per 1k':>13}")
HUMAN, WRONG, BOT = 5.0, 20.0, 0.02          # $ per escalation, per wrong answer, per bot conversation
table = {}
for thr in (0.0, 0.3, 0.5, 0.6, 0.7, 0.8):
    answered = score >= thr
    containment = answered.mean()
    error = (~correct & answered).sum() / max(answered.sum(), 1)
    per_1k = 1000 * (containment * BOT + (1 - containment) * HUMAN + (~correct & answered).mean() * WRONG)
    table[thr] = containment, error, per_1k
    print(f"{thr:>9.1f}{containment:>13.3f}{error:>12.3f}{per_1k:>13,.0f}")
assert abs(table[0.0][1] - 0.25) < 0.02                      # answering everything: 1 in 4 wrong
assert 0.69 < table[0.5][0] < 0.74 and 0.055 < table[0.5][1] < 0.075
assert 0.57 < table[0.6][0] < 0.62 and table[0.6][1] < 0.045   # highest containment with error < 5 %
assert table[0.7][1] < 0.02 and table[0.7][0] < 0.46
best = min(table, key=lambda t: table[t][2])
print(f"cheapest threshold {best}: containment {table[best][0]:.2f}, error {table[best][1]:.3f}")
assert best == 0.5 and table[best][2] < 0.5 * table[0.0][2] and table[best][2] < 0.7 * table[0.8][2]

# %%
# Architecture diagram.
def box(ax, x, y, text, colour, w=1.8, h=0.8):
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.05",
                                facecolor=colour, edgecolor="black", linewidth=1))
    ax.text(x, y, text, ha="center", va="center", fontsize=9)


def arrow(ax, start, end, label=""):
    ax.annotate("", xy=end, xytext=start, arrowprops=dict(arrowstyle="->", linewidth=1.2))
    if label:
        ax.text((start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + 0.12, label, ha="center", fontsize=9)


fig, ax = plt.subplots(
    figsize=(9, 4.5),
    num="Architecture of the LLM support assistant. Top row, the request path: the customer's "
        "message passes an input guardrail (abuse, prompt injection, personal data), then "
        "retrieval of help-centre passages and account data through tools, then the LLM, whose "
        "answer passes an output guardrail (grounding and policy checks) before reaching the "
        "customer. A confidence and policy gate sends low-confidence or sensitive conversations "
        "to a human agent with a summary. Bottom row, offline: the knowledge base is chunked and "
        "embedded into the vector index; conversation logs, human resolutions and ratings feed "
        "an evaluation set and regression tests for every prompt, model or index change.")
path, off = "#dbe9f6", "#f2f2f2"
xs = [0.9, 2.85, 4.8, 6.75, 8.7]
for x, text in zip(xs, ["customer\nmessage", "input guard\n(injection, PII)", "retrieve,\nrerank, tools",
                        "LLM answer\n(streamed)", "output guard:\ngrounded?"]):
    box(ax, x, 3.4, text, path, w=1.6)
for a, b in zip(xs, xs[1:]):
    arrow(ax, (a + 0.85, 3.4), (b - 0.85, 3.4))
box(ax, 8.7, 2.0, "confidence +\npolicy gate", path, w=1.6)
box(ax, 6.0, 2.0, "human agent\n(+ summary)", off, w=1.6)
box(ax, 2.85, 0.7, "knowledge base:\nchunk + embed", off, w=1.6)
box(ax, 4.8, 0.7, "vector index", off, w=1.6)
box(ax, 6.75, 0.7, "logs, ratings,\neval set", off, w=1.6)
arrow(ax, (8.7, 3.0), (8.7, 2.4))
arrow(ax, (7.85, 2.0), (6.85, 2.0), "escalate")
ax.text(8.7, 1.3, "answer sent\nif confident", ha="center", fontsize=9)
arrow(ax, (3.7, 0.7), (3.95, 0.7))
arrow(ax, (4.8, 1.1), (4.8, 3.0), "search")
arrow(ax, (6.0, 1.6), (6.45, 1.1))
ax.text(5.45, 1.25, "resolutions", ha="center", fontsize=9)
ax.set_xlim(-0.1, 9.8)
ax.set_ylim(0.1, 4.1)
ax.axis("off")
fig.tight_layout()
plt.show()
