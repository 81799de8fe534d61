// Render the formulas that pymdownx.arithmatex (generic mode) wraps in .arithmatex elements, with
// the KaTeX copy this site serves. Only those elements: a "\(" in code stays as it is.
// Material's document$ emits on every page load, instant navigation included.
document$.subscribe(({ body }) => {
  for (const element of body.querySelectorAll(".arithmatex")) {
    renderMathInElement(element, {
      delimiters: [
        { left: "\\(", right: "\\)", display: false },
        { left: "\\[", right: "\\]", display: true },
      ],
      throwOnError: false,
    });
  }
});
