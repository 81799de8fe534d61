// The interview-sheet page, loaded on that page only (interview.js, on every page, keeps the sheet
// itself and the "Add to interview sheet" buttons). Deferred scripts run in document order and this
// one comes before Material's bundle and interview.js, so it starts once all of them have run.

async function setUpSheet(container) {
  const questions = await loadQuestions();
  const byPath = new Map(questions.map((q) => [q.path, q]));
  const topics = [...new Map(questions.map((q) => [q.topic, q.topicTitle])).entries()];
  const params = new URLSearchParams(location.search);
  // Sheets shared before questions could be picked one by one named topics and difficulties.
  const listed = (name, all) => (params.get(name) ? params.get(name).split(",") : all);
  const legacyTopics = listed("topics", null);
  const legacyLevels = listed("difficulty", null);
  let paths;
  if (params.get("questions") !== null) {
    paths = params.get("questions").split(",").filter(Boolean).map(fullPath).filter((p) => byPath.has(p));
  } else if (legacyTopics || legacyLevels) {
    paths = questions
      .filter((q) => (legacyTopics ?? [q.topic]).includes(q.topic) && (legacyLevels ?? DIFFICULTIES).includes(q.difficulty))
      .map((q) => q.path);
  } else {
    paths = readSheet().filter((p) => byPath.has(p));
  }

  const checkbox = (group, value, label, checked) =>
    element("label", { class: "sheet-option" }, element("input", { type: "checkbox", name: group, value, ...(checked ? { checked: "" } : {}) }), " ", label);
  const filterTopics = legacyTopics ?? topics.map(([slug]) => slug);
  const filterLevels = legacyLevels ?? DIFFICULTIES;
  const count = element("input", { type: "number", min: "1", max: "30", value: "5", class: "sheet-draw-count", id: "sheet-draw-count" });
  const draw = element("fieldset", { class: "sheet-draw" },
    element("legend", {}, "Draw random questions"),
    element("div", {}, ...topics.map(([slug, title]) => checkbox("topics", slug, title, filterTopics.includes(slug)))),
    element("div", {}, ...DIFFICULTIES.map((d) => checkbox("difficulty", d, d, filterLevels.includes(d)))),
    element("label", { for: "sheet-draw-count" }, "How many "), count, " ",
    element("button", { type: "button", class: "md-button", onclick: () => drawRandom() }, "Add random questions"),
  );
  const answers = checkbox("answers", "1", "Include short answers (interviewer's copy)", params.get("answers") === "1");
  const options = element("div", { class: "sheet-options" }, answers,
    element("button", { type: "button", class: "md-button md-button--primary", onclick: () => print() }, "Print this sheet"),
    element("button", { type: "button", class: "md-button", onclick: () => { paths = []; update("The sheet is empty."); } }, "Clear the sheet"),
  );
  const form = element("form", { class: "sheet-form" }, options, draw);
  const summary = element("p", { class: "sheet-summary", role: "status" });
  const sheet = element("ol", { class: "sheet-questions" });

  function drawRandom() {
    const values = (name) => [...draw.querySelectorAll(`input[name=${name}]:checked`)].map((input) => input.value);
    const [topicValues, levelValues] = [values("topics"), values("difficulty")];
    const pool = questions.filter((q) => topicValues.includes(q.topic) && levelValues.includes(q.difficulty) && !paths.includes(q.path));
    if (!pool.length) {
      update("No question left that matches these filters.");
      return;
    }
    const wanted = Math.min(Math.max(1, Number(count.value) || 1), pool.length);
    for (let i = 0; i < wanted; i += 1) paths.push(pool.splice(Math.floor(Math.random() * pool.length), 1)[0].path);
    update(`Added ${wanted} random question${wanted === 1 ? "" : "s"}.`);
  }

  function move(index, by, focusLabel) {
    const [path] = paths.splice(index, 1);
    paths.splice(index + by, 0, path);
    update(`Moved "${byPath.get(path).title}" to position ${index + by + 1}.`);
    // Keep the keyboard on the question that moved: the same button, or its other one at an end.
    const moved = sheet.children[index + by];
    (moved.querySelector(`[data-action="${focusLabel}"]:not(:disabled)`) ?? moved.querySelector("button:not(:disabled)")).focus();
  }

  function item(path, index) {
    const q = byPath.get(path);
    const button = (action, label, onclick, disabled) =>
      element("button", { type: "button", class: "sheet-question__button", "data-action": action, "aria-label": `${label}: ${q.title}`, onclick, ...(disabled ? { disabled: "" } : {}) }, label);
    const li = element("li", { class: "sheet-question" },
      element("a", { href: new URL(q.path, SITE_ROOT).href }, q.title),
      element("span", { class: "sheet-question__meta" }, ` ${q.topicTitle} · ${q.difficulty}`),
      element("span", { class: "sheet-question__controls" },
        button("up", "Move up", () => move(index, -1, "up"), index === 0),
        button("down", "Move down", () => move(index, 1, "down"), index === paths.length - 1),
        button("remove", "Remove", () => { paths.splice(index, 1); update(`Removed "${q.title}".`); }),
      ),
    );
    if (answers.querySelector("input").checked) {
      const answer = element("div", { class: "sheet-question__answer" });
      answer.innerHTML = q.shortAnswer; // built by this site from its own pages
      li.append(answer);
    } else {
      li.append(element("div", { class: "sheet-question__notes", "aria-hidden": "true" }));
    }
    return li;
  }

  function update(announcement) {
    writeSheet(paths);
    const query = new URLSearchParams({ questions: paths.map(shortId).join(",") });
    if (answers.querySelector("input").checked) query.set("answers", "1");
    history.replaceState(null, "", `${location.pathname}?${query.toString().replaceAll("%2F", "/").replaceAll("%2C", ",")}`);
    sheet.replaceChildren(...paths.map(item));
    const size = `${paths.length} question${paths.length === 1 ? "" : "s"} on the sheet.`;
    summary.textContent = paths.length
      ? `${announcement ? `${announcement} ` : ""}${size} Its address reproduces it, in this order; print it for the interview.`
      : `${announcement ? `${announcement} ` : ""}The sheet is empty: add questions from their pages or topic lists, or draw random ones below.`;
  }

  answers.querySelector("input").addEventListener("change", () => update());
  container.replaceChildren(summary, sheet, form);
  update();
}

addEventListener("DOMContentLoaded", () => {
  document$.subscribe(() => {
    const sheet = document.getElementById("interview-sheet");
    if (sheet) setUpSheet(sheet);
  });
});
