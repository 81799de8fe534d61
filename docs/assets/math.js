// Render the formulas that pymdownx.arithmatex (generic mode) wraps in .arithmatex elements, with
// the KaTeX copy this site serves. KaTeX is loaded only by pages that have formulas, so the others
// stay light. Material's document$ emits on every page load, instant navigation included.
const KATEX = new URL("vendor/katex/", document.currentScript.src);
let katexReady;

function load(tag, attributes) {
  return new Promise((resolve, reject) => {
    const element = Object.assign(document.createElement(tag), attributes, { onload: resolve, onerror: reject });
    document.head.append(element);
  });
}

function loadKatex() {
  katexReady ??= Promise.all([
    load("link", { rel: "stylesheet", href: new URL("katex.min.css", KATEX).href }),
    load("script", { src: new URL("katex.min.js", KATEX).href }).then(() =>
      load("script", { src: new URL("contrib/auto-render.min.js", KATEX).href }),
    ),
  ]);
  return katexReady;
}

document$.subscribe(async ({ body }) => {
  const formulas = body.querySelectorAll(".arithmatex");
  if (!formulas.length) return;
  await loadKatex();
  for (const element of formulas) {
    renderMathInElement(element, {
      delimiters: [
        { left: "\\(", right: "\\)", display: false },
        { left: "\\[", right: "\\]", display: true },
      ],
      throwOnError: false,
    });
  }
});
