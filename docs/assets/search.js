// Search over the index in small files written by hooks/search_shards.py: a query fetches the
// files holding its words and the titles of its best pages, never the whole index. It answers
// the messages of Material's search worker (set up, then queries), so Material's search box,
// keyboard use, result list and highlighting on the opened page stay as they are.
// overrides/main.html loads this module at the first search.

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

// A word's weight on a page saturates: a title word counts about twice a word the text repeats.
const SATURATION = 20;
// "optim" finds "optimizer", but a page with the word typed in full ranks first.
const PREFIX_MATCH = 0.7;
// The best pages, with their titles; the rest are counted (overrides/main.html shows the note).
// Fetching every match's title would grow with the site.
const SHOWN = 20;
const wordStart = "(?<![\\p{L}\\p{N}])";
// Material's query syntax ("+word", "word*", "word~1"), which this search does not need.
const querySyntax = /^[+-]+|[*~^]\d*$/g;

export function searcher(root) {
  const files = new Map();
  const load = (path, options) => {
    if (!files.has(path)) {
      const file = fetch(new URL(path, root), options).then((response) => {
        if (!response.ok) throw new Error(`search: ${response.status} for ${path}`);
        return response.json();
      });
      // A failed download is tried again at the next query, not remembered.
      file.catch(() => files.delete(path));
      files.set(path, file);
    }
    return files.get(path);
  };
  // Read once, and revalidated, since its name stays the same from one build to the next.
  let parsed;
  const manifest = () => {
    if (!parsed) {
      parsed = load("search/shards.json", { cache: "no-cache" }).then((index) => ({
        ...index,
        separator: new RegExp(index.separator),
        stopWords: new Set(index.stopWords),
      }));
      parsed.catch(() => (parsed = undefined));
    }
    return parsed;
  };

  // The query's words without stop words, except the last, which the reader may still be typing
  // ("at" on the way to "attention"): the index holds no stop word, only the longer words.
  function words(query, { separator, stopWords }) {
    const typed = query.toLowerCase().split(separator).map((word) => word.replace(querySyntax, "")).filter(Boolean);
    const stillTyping = !/\s$/.test(query);
    return [...new Set(typed.filter((word, n) => !stopWords.has(word) || (stillTyping && n === typed.length - 1)))];
  }

  // Pages holding word, or a word it begins (one-letter words only begin a two-letter one: "r²").
  async function matches(word, index) {
    const { shards, folder } = index;
    let first = shards.length - 1;
    while (first > 0 && shards[first] > word) first -= 1;
    let last = first;
    while (last + 1 < shards.length && shards[last + 1].startsWith(word)) last += 1;
    const parts = await Promise.all(shards.slice(first, last + 1).map((_, n) => load(`${folder}terms-${first + n}.json`)));
    const weights = new Map();
    const bestTerm = new Map();
    for (const part of parts)
      for (const [term, postings] of Object.entries(part)) {
        if (!term.startsWith(word) || (term !== word && word.length < 2 && term.length > 2)) continue;
        const factor = term === word ? 1 : PREFIX_MATCH;
        for (let n = 0; n < postings.length; n += 2) {
          const weight = (factor * postings[n + 1]) / (postings[n + 1] + SATURATION);
          if (weight > (weights.get(postings[n]) ?? 0)) {
            weights.set(postings[n], weight);
            bestTerm.set(postings[n], term);
          }
        }
      }
    // A word is as telling as it is rare, counting every word it begins.
    const rarity = Math.log(1 + index.boosts.length / Math.max(weights.size, 1));
    for (const [page, weight] of weights) weights.set(page, weight * rarity);
    return { weights, bestTerm };
  }

  const escape = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

  async function search(query) {
    const index = await manifest();
    const asked = words(query, index);
    // One letter alone would fetch every file of words starting with it.
    if (asked.length === 1 && asked[0].length < 2) return { items: [], note: "Type one more letter" };
    if (!asked.length) return { items: [] };
    const found = await Promise.all(asked.map((word) => matches(word, index)));
    const score = new Map();
    const covered = new Map();
    for (const { weights } of found)
      for (const [page, weight] of weights) {
        score.set(page, (score.get(page) ?? 0) + weight * index.boosts[page]);
        covered.set(page, (covered.get(page) ?? 0) + 1);
      }
    // Pages with more of the reader's words first, then by score; Material opens the result
    // with the highest score on Enter, so the score carries both.
    for (const [page, count] of covered) score.set(page, count * 1000 + score.get(page));
    const ranked = [...score.keys()].sort((a, b) => score.get(b) - score.get(a));
    const shown = ranked.slice(0, SHOWN);
    const perFile = index.pagesPerFile;
    const rows = await Promise.all(
      shown.map((page) => load(`${index.folder}pages-${Math.floor(page / perFile)}.json`).then((file) => file[page % perFile])),
    );
    const pattern = new RegExp(`${wordStart}(${asked.map((word) => word.replace(/[|\\{}()[\]^$+*?.]/g, "\\$&")).join("|")})`, "giu");
    // Marks the reader's words in plain text, escaping the text around them.
    const mark = (text) => text.split(pattern).map((part, n) => (n % 2 ? `<mark>${escape(part)}</mark>` : escape(part))).join("");
    const items = shown.map((page, n) => {
      const [location, title, summary, tags] = rows[n];
      const terms = Object.fromEntries(asked.map((word, w) => [word, found[w].weights.has(page)]));
      return [{ location, title: mark(title), text: mark(summary), tags: tags.length ? tags.map(escape) : undefined, score: score.get(page), terms }];
    });
    // Completes the last word as the best result spells it, for Material's suggestion.
    const completion = shown.length && found[found.length - 1].bestTerm.get(shown[0]);
    const note = ranked.length > SHOWN ? `${SHOWN} best of ${ranked.length} matching documents` : undefined;
    return { items, suggest: completion ? [completion] : [], note };
  }

  return async ({ type, data }) => {
    if (type === SETUP) return { type: READY };
    if (type === QUERY) return { type: RESULT, data: await search(data) };
    throw new TypeError(`search: unknown message type ${type}`);
  };
}
