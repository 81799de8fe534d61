"""A miniature RAG pipeline over a made-up product catalogue, evaluated piece by piece.

The knowledge base describes 32 fictional products, so no model could know the answers
without retrieval. Retrieval (BM25 on words, TF-IDF on character n-grams, and their fusion)
is scored with recall@k and MRR; an extractive reader answers from the retrieved passages;
end-to-end accuracy, faithfulness and abstention on unanswerable questions are measured.
"""

# %%
# The knowledge base: one passage per product. Brands share model codes (every brand has an
# "X2"), so a retriever must match the combination, not one word. Every attribute value is
# unique across products, so a wrong passage can never give the right number by luck.
import os
import re

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

SEED = int(os.environ.get("SNIPPET_SEED", "0"))  # make seed-sweep reruns with others

rng = np.random.default_rng(SEED)
brands = ["Quillon", "Marlo", "Vessant", "Orbitek", "Tandrel", "Kestova", "Brimwell", "Solvane"]
kinds = ["handheld scanner", "camera drone", "smart kettle", "e-reader", "label printer",
         "bike light", "desk lamp", "travel router"]
models = ["X2", "X3", "S5", "S7"]
n_products = len(brands) * len(models)
values = {"weight": rng.choice(np.arange(80, 900), n_products, replace=False),
          "battery": rng.choice(np.arange(3, 48), n_products, replace=False),
          "price": rng.choice(np.arange(20, 400), n_products, replace=False),
          "warranty": rng.choice(np.arange(6, 61), n_products, replace=False)}
facts, passages = [], []
for brand, kind in zip(brands, kinds):
    for model in models:
        f = dict(name=f"{brand} {model}", **{a: int(v[len(facts)]) for a, v in values.items()})
        facts.append(f)
        passages.append(
            f"The {f['name']} is a {kind} made by {brand}. It weighs {f['weight']} grams and "
            f"its battery lasts {f['battery']} hours. The {f['name']} costs {f['price']} euros "
            f"and its warranty runs for {f['warranty']} months.")
passages += ["Warranty claims for every product need the original receipt and serial number.",
             "Batteries last longer when devices are stored at room temperature.",
             "Prices in euros include sales tax; shipping is charged separately."]

# %%
# Questions: four attributes, phrased differently from the passages. Some mention the
# product with a typo; some ask about products that are not in the catalogue at all.
question_forms = {
    "weight": "How heavy is the {}?", "battery": "How many hours of use does the {} give?",
    "price": "What is the price of the {}?", "warranty": "How long is the guarantee on the {}?"}
answer_patterns = {"weight": r"weighs (\d+) grams", "battery": r"lasts (\d+) hours",
                   "price": r"costs (\d+) euros", "warranty": r"warranty runs for (\d+) months"}


def typo(name):
    brand, model = name.split()
    i = int(rng.integers(1, len(brand) - 1))
    return f"{brand[:i] + brand[i + 1:]} {model}"     # drop one letter of the brand


questions = []  # (text, gold passage index or None, attribute, gold answer)
for i, f in enumerate(facts):
    for attr, form in question_forms.items():
        questions.append((form.format(f["name"]), i, attr, f[attr]))
        if rng.random() < 0.5:
            questions.append((form.format(typo(f["name"])), i, attr, f[attr]))
for name in ["Zentra K9", "Pellwick M1", "Darnova T4", "Ruxley P8", "Ombrel Q2"]:
    for attr, form in question_forms.items():
        questions.append((form.format(name), None, attr, None))
answerable = [q for q in questions if q[1] is not None]
n_typo = sum(q[0] != question_forms[q[2]].format(facts[q[1]]["name"]) for q in answerable)
print(f"{len(passages)} passages; {len(answerable)} answerable questions ({n_typo} with a "
      f"typo), {len(questions) - len(answerable)} unanswerable")


# %%
# Retrievers. BM25 (k1 = 1.2, b = 0.75) on lower-cased words; cosine similarity on TF-IDF of
# character 3- to 5-grams; and reciprocal rank fusion (RRF) of the two rankings.
def tokenize(text):
    return re.findall(r"\w+", text.lower())


doc_tokens = [tokenize(p) for p in passages]
vocab = {w: j for j, w in enumerate(sorted({w for d in doc_tokens for w in d}))}
tf = np.zeros((len(passages), len(vocab)))
for i, d in enumerate(doc_tokens):
    for w in d:
        tf[i, vocab[w]] += 1
df = (tf > 0).sum(axis=0)
idf = np.log(1 + (len(passages) - df + 0.5) / (df + 0.5))
lengths = tf.sum(axis=1)


def bm25(query, k1=1.2, b=0.75):
    cols = [vocab[w] for w in tokenize(query) if w in vocab]
    t = tf[:, cols]
    norm = k1 * (1 - b + b * lengths / lengths.mean())
    return (idf[cols] * t * (k1 + 1) / (t + norm[:, None])).sum(axis=1)


char_vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
char_docs = char_vec.fit_transform(passages)


def char_sim(query):
    return cosine_similarity(char_vec.transform([query]), char_docs).ravel()


def rrf(*score_lists, k=60):
    fused = np.zeros(len(passages))
    for scores in score_lists:
        ranks = np.empty(len(scores), dtype=int)
        ranks[np.argsort(-scores, kind="stable")] = np.arange(1, len(scores) + 1)
        fused += 1.0 / (k + ranks)
    return fused


retrievers = {"BM25 (words)": bm25, "TF-IDF (char n-grams)": char_sim,
              "hybrid (RRF)": lambda q: rrf(bm25(q), char_sim(q))}


def rank_of_gold(scores, gold):
    return int((scores >= scores[gold]).sum())     # ties count against the gold passage


print(f"\n{'retriever':<22} {'recall@1':>8} {'recall@3':>8} {'MRR':>6}   (answerable questions)")
retrieval = {}
for name, score in retrievers.items():
    ranks = np.array([rank_of_gold(score(q), gold) for q, gold, _, _ in answerable])
    retrieval[name] = dict(r1=np.mean(ranks <= 1), r3=np.mean(ranks <= 3), mrr=np.mean(1 / ranks))
    r = retrieval[name]
    print(f"{name:<22} {r['r1']:8.2f} {r['r3']:8.2f} {r['mrr']:6.2f}")
assert retrieval["hybrid (RRF)"]["r3"] == 1.0                 # the hybrid finds every product
# BM25 finds exactly the questions without a typo: a misspelt brand matches no word.
assert np.isclose(retrieval["BM25 (words)"]["r3"], 1 - n_typo / len(answerable))
assert retrieval["BM25 (words)"]["r1"] == retrieval["BM25 (words)"]["r3"]
if SEED == 0:
    assert round(retrieval["BM25 (words)"]["r3"], 2) == 0.70    # this draw's share without a typo


# %%
# Reader: from the top-k passages, pick the one whose product name is most similar to the
# question (a cheap stand-in for a reranker or an LLM) and copy the number that the
# attribute's pattern finds there. With a threshold on the best retrieval score it abstains.
def answer(question, attr, k, threshold=None):
    sims = char_sim(question)
    if threshold is not None and sims.max() < threshold:
        return None, []
    top = list(np.argsort(-rrf(bm25(question), sims), kind="stable")[:k])
    with_attr = [i for i in top if re.search(answer_patterns[attr], passages[i])]
    if not with_attr:
        return None, top
    best = max(with_attr, key=lambda i: sims[i])
    return int(re.search(answer_patterns[attr], passages[best]).group(1)), top


print(f"\n{'k':>2} {'recall@k':>8} {'correct':>8} {'faithful':>9}   (hybrid, answerable)")
end_to_end = {}
for k in (1, 3, 5):
    correct = faithful = hits = 0
    for q, gold, attr, truth in answerable:
        pred, top = answer(q, attr, k)
        hits += gold in top
        correct += pred == truth
        faithful += pred is not None and any(str(pred) in passages[i] for i in top)
    n = len(answerable)
    print(f"{k:2d} {hits / n:8.2f} {correct / n:8.2f} {faithful / n:9.2f}")
    end_to_end[k] = (hits / n, correct / n)
    assert correct <= hits                 # the reader cannot fix a retrieval miss
    assert faithful == n                   # every answer is copied from the context ...
    if k == 1:
        assert correct < n                 # ... yet some faithful answers are wrong

# %%
# Abstention. Without it, every question about an unknown product gets a confident,
# grounded-looking but wrong answer. Choose the similarity threshold on half of the
# questions, then evaluate on the other half. Unanswerable questions are few, so the threshold
# maximises balanced accuracy (the mean of the two rates), not plain accuracy, which would
# mostly reward answering.
order = rng.permutation(len(questions))
tune, test = [questions[i] for i in order[::2]], [questions[i] for i in order[1::2]]
best_sim = np.array([char_sim(q).max() for q, *_ in tune])
is_answerable = np.array([g is not None for _, g, _, _ in tune])
candidates = np.unique(best_sim)
balanced = [(np.mean(best_sim[is_answerable] >= t) + np.mean(best_sim[~is_answerable] < t)) / 2
            for t in candidates]
threshold = float(candidates[int(np.argmax(balanced))])


def evaluate(qs, threshold):
    preds = [(answer(q, attr, 3, threshold)[0], truth) for q, _, attr, truth in qs]
    correct = np.mean([p == t for p, t in preds if t is not None])
    abstained = np.mean([p is None for p, t in preds if t is None])
    return correct, abstained


no_abstain, with_abstain = evaluate(test, None), evaluate(test, threshold)
print(f"\nheld-out questions, k = 3      answerable correct   unanswerable abstained")
print(f"always answer                  {no_abstain[0]:18.2f}   {no_abstain[1]:19.2f}")
print(f"abstain below sim {threshold:.2f}         {with_abstain[0]:18.2f}   "
      f"{with_abstain[1]:19.2f}")
assert no_abstain[1] == 0.0 and with_abstain[1] > 0.5   # unknown products: most are caught
assert with_abstain[0] < no_abstain[0]                  # at the price of some real questions
if SEED == 0:                                           # the figures quoted for this draw
    assert end_to_end[3][0] == 1.0 and round(end_to_end[3][1], 2) == 0.98
    assert [round(x, 2) for x in (*with_abstain, no_abstain[0])] == [0.94, 0.86, 0.98]
# No threshold can be perfect: some misspelt real products look less like any passage than
# some non-existent ones do.
all_sims = np.array([char_sim(q).max() for q, *_ in questions])
all_answerable = np.array([g is not None for _, g, _, _ in questions])
assert all_sims[all_answerable].min() < all_sims[~all_answerable].max()
