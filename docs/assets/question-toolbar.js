// "Copy link to question" and "Copy link to answer": put the page's own address, with the
// button's fragment, on the clipboard. The address is the one the reader is on, so the same code
// works on the published site, a preview or a local server.
document$.subscribe(() => {
  const status = document.querySelector(".question-copy-status");
  for (const button of document.querySelectorAll(".question-copy")) {
    const label = button.textContent;
    button.addEventListener("click", async () => {
      const link = new URL(location.pathname, location.origin);
      link.hash = button.dataset.fragment;
      await navigator.clipboard.writeText(link.href);
      button.textContent = "Link copied";
      status.textContent = `Copied ${link.href}`;
      setTimeout(() => { button.textContent = label; }, 2000);
    });
  }
});
