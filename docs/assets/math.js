// Render the formulas that pymdownx.arithmatex (generic mode) wraps in .arithmatex elements, with
// the KaTeX copy this site serves. KaTeX (80 KiB) is loaded only when a formula is shown: at once
// for formulas in view of the page, and for those in a closed answer when it opens (printing
// opens every answer). Material's document$ emits on every page load.
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

async function render(formulas) {
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
}

const closedAncestor = (element) => element.parentElement?.closest("details:not([open])");

document$.subscribe(({ body }) => {
  const pending = new Set(body.querySelectorAll(".arithmatex"));
  const renderShown = () => {
    const shown = [...pending].filter((element) => !closedAncestor(element));
    shown.forEach((element) => pending.delete(element));
    render(shown);
  };
  renderShown();
  // toggle does not bubble, but a capturing listener on the body sees every details open.
  body.addEventListener("toggle", renderShown, true);
});
