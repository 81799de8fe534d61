"""TF-IDF by hand and with scikit-learn, and what it does for retrieval.

Computes the weights of a small corpus from the formula, checks them against
TfidfVectorizer, shows that IDF pushes down words that occur everywhere, ranks documents
for a query, and shows the blind spot: synonyms share no terms.
"""

# %%
# A small corpus. Document 2 is long and full of "the"; document 4 is the only one about
# snakes, and the only one without "the".
import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

docs = [
    "the cat sat on the mat and the cat slept",
    "the dog chased the cat around the garden",
    "the car and the truck and the bus were in the street and the road was full of the traffic",
    "a python program reads the file and prints the lines",
    "a python is a large snake that swallows its prey whole",
    "the chef cooked the pasta and the sauce in the kitchen",
]

# %%
# TF-IDF with scikit-learn's defaults: raw term counts, smoothed IDF
# idf(t) = ln((1 + n) / (1 + df(t))) + 1, then each row scaled to unit length.
vec = TfidfVectorizer()
X = vec.fit_transform(docs)
vocab = vec.get_feature_names_out()

counts = CountVectorizer(vocabulary=vocab).fit_transform(docs).toarray()
n_docs = len(docs)
df = (counts > 0).sum(axis=0)
idf = np.log((1 + n_docs) / (1 + df)) + 1
by_hand = counts * idf
by_hand /= np.linalg.norm(by_hand, axis=1, keepdims=True)
assert np.allclose(by_hand, X.toarray())
assert np.allclose(idf, vec.idf_)

order = np.argsort(idf)
print("term       df   idf")
for i in list(order[:3]) + list(order[-3:]):
    print(f"{vocab[i]:<9} {df[i]:3d} {idf[i]:5.2f}")
the = list(vocab).index("the")
assert df[the] == n_docs - 1 and idf[the] == idf.min()  # in all documents but one
assert idf.max() == np.log((1 + n_docs) / 2) + 1            # terms in a single document

# %%
# Retrieval: score each document by cosine similarity with the query. With raw counts the
# matches on "the" dominate and the snake document, which lacks "the", ranks last; IDF
# shrinks "the" and the snake document comes first.
query = ["the python snake"]
count_vec = CountVectorizer().fit(docs)
sim_counts = cosine_similarity(count_vec.transform(query), count_vec.transform(docs)).ravel()
sim_tfidf = cosine_similarity(vec.transform(query), X).ravel()
print(f"\nquery: {query[0]!r}")
print("doc  counts  tf-idf")
for i in range(n_docs):
    print(f"{i:3d}  {sim_counts[i]:6.2f}  {sim_tfidf[i]:6.2f}")
assert np.argmax(sim_counts) == 3 and np.argmin(sim_counts) == 4  # counts: snake doc last
assert np.argmax(sim_tfidf) == 4                                   # tf-idf: snake doc first
assert sim_tfidf[4] > sim_tfidf[3] > sim_tfidf[[0, 1, 2, 5]].max()  # then the "python" program

# %%
# The blind spot: "automobile lorry" means "car truck", but it shares no term with the
# traffic document, so every similarity is exactly zero. Words outside the vocabulary are
# simply dropped.
sim_words = cosine_similarity(vec.transform(["car truck"]), X).ravel()
sim_synonyms = cosine_similarity(vec.transform(["automobile lorry"]), X).ravel()
print(f"\n'car truck' vs traffic document: {sim_words[2]:.2f}; "
      f"'automobile lorry': {sim_synonyms.max():.2f} against every document")
assert np.argmax(sim_words) == 2 and sim_words[2] > 0.2
assert sim_synonyms.max() == 0.0

# %%
# Sparsity: each document uses a handful of the vocabulary, so the matrix is mostly zeros,
# which is what makes TF-IDF cheap to store and to score with an inverted index.
density = X.nnz / np.prod(X.shape)
print(f"vocabulary {len(vocab)} terms, {density:.0%} of the matrix entries are non-zero")
assert 0.15 < density < 0.25  # about a fifth
