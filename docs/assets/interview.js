// Tools for candidates and interviewers, all in the reader's browser: no account, no server.
// - Question pages: "I knew it" / "Review again" marks, kept in localStorage.
// - Topic pages: progress, a difficulty filter, show or hide all short answers, a random question.
// - Any element with class "random-question": a random question, skipping those marked known.
// - Interview sheets: questions added one by one from their pages or topic lists, or drawn at
//   random; reordered and removed on the sheet page, which prints and has a shareable URL.

const SITE_ROOT = new URL(JSON.parse(document.getElementById("__config").textContent).base + "/", location);
const MARKS_KEY = "ml-interview-questions:marks";
const DIFFICULTIES = ["easy", "medium", "hard"];
let questionIndex;

const readMarks = () => JSON.parse(localStorage.getItem(MARKS_KEY) || "{}");

function writeMark(path, mark) {
  const marks = readMarks();
  if (mark) marks[path] = mark;
  else delete marks[path];
  localStorage.setItem(MARKS_KEY, JSON.stringify(marks));
}

// A page's key: its path from the site root, as in questions.json ("questions/topic/slug/").
const pathOf = (url) => new URL(url, location).pathname.slice(SITE_ROOT.pathname.length);

function loadQuestions() {
  questionIndex ??= fetch(new URL("assets/questions.json", SITE_ROOT))
    .then((response) => response.json())
    .then((data) => data.questions);
  return questionIndex;
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "onclick") node.addEventListener("click", value);
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

// -- question pages ---------------------------------------------------------------------------

function setUpMarks(actions) {
  const path = pathOf(location.href);
  const buttons = [...actions.querySelectorAll(".question-mark")];
  const show = () => {
    const mark = readMarks()[path];
    for (const button of buttons) {
      button.setAttribute("aria-pressed", String(mark === button.dataset.mark));
      button.classList.toggle("md-button--primary", mark === button.dataset.mark);
    }
  };
  for (const button of buttons) {
    button.addEventListener("click", () => {
      writeMark(path, readMarks()[path] === button.dataset.mark ? null : button.dataset.mark);
      show();
    });
  }
  show();
}

// -- random question ---------------------------------------------------------------------------

async function goToRandomQuestion(topic, difficulty, status) {
  const marks = readMarks();
  const candidates = (await loadQuestions()).filter(
    (q) => (!topic || q.topic === topic) && (!difficulty || q.difficulty === difficulty) && marks[q.path] !== "known",
  );
  if (!candidates.length) {
    status.textContent = "No question left: every one that matches is marked as known.";
    return;
  }
  const pick = candidates[Math.floor(Math.random() * candidates.length)];
  location.href = new URL(pick.path, SITE_ROOT).href;
}

function setUpRandomQuestion(container, topic) {
  const choice = container.querySelector("select");
  const status = container.querySelector(".random-question__status");
  container.querySelector("button").addEventListener("click", () => goToRandomQuestion(topic, choice.value, status));
}

// -- topic pages -------------------------------------------------------------------------------

// The controls are in the page's markup (topic_index.py), so wiring them up moves nothing.
function setUpTopicPage(controls, list) {
  const items = [...list.querySelectorAll(".topic-question")];
  const marks = readMarks();
  let known = 0;
  for (const item of items) {
    const mark = marks[pathOf(item.querySelector("a").href)];
    if (mark === "known") known += 1;
    if (mark) {
      const label = mark === "known" ? "known" : "to review";
      item.querySelector("p").append(" ", element("span", { class: `topic-question__mark topic-question__mark--${mark}` }, label));
    }
  }
  controls.querySelector(".topic-progress").textContent = `${known} of ${items.length} questions marked as known.`;

  const filterButtons = [...controls.querySelectorAll(".topic-filter")];
  for (const button of filterButtons) {
    button.addEventListener("click", () => {
      for (const other of filterButtons) other.setAttribute("aria-pressed", String(other === button));
      for (const item of items) item.hidden = button.dataset.level !== "all" && item.dataset.difficulty !== button.dataset.level;
    });
  }
  const answers = [...list.querySelectorAll("details.topic-answer")];
  const openAll = (open) => answers.forEach((details) => (details.open = open));
  controls.querySelector(".topic-show-all").addEventListener("click", () => openAll(true));
  controls.querySelector(".topic-hide-all").addEventListener("click", () => openAll(false));
  setUpRandomQuestion(controls.querySelector(".random-question"), pathOf(location.href).split("/")[1]);
}

// -- interview sheets --------------------------------------------------------------------------

// The sheet is an ordered list of question paths, kept in localStorage so that it survives a
// reload, and written into the sheet page's address (?questions=topic/slug,...; Material's search owns ?q=) so that the link
// reproduces it, in the same order, for a colleague.
const SHEET_KEY = "ml-interview-questions:sheet";
const readSheet = () => JSON.parse(localStorage.getItem(SHEET_KEY) || "[]");
const writeSheet = (paths) => localStorage.setItem(SHEET_KEY, JSON.stringify(paths));
const shortId = (path) => path.replace(/^questions\//, "").replace(/\/$/, "");
const fullPath = (id) => `questions/${id}/`;

function toggleOnSheet(path) {
  const sheet = readSheet();
  const on = sheet.includes(path);
  writeSheet(on ? sheet.filter((p) => p !== path) : [...sheet, path]);
  return !on;
}

// A button that adds its question to the sheet or takes it off; on question and topic pages.
function setUpSheetButton(button, path, title) {
  const show = () => {
    const on = readSheet().includes(path);
    button.setAttribute("aria-pressed", String(on));
    button.textContent = on ? "On the interview sheet" : "Add to interview sheet";
    if (title) button.setAttribute("aria-label", `${button.textContent}: ${title}`);
  };
  button.addEventListener("click", () => {
    toggleOnSheet(path);
    show();
  });
  show();
}

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

document$.subscribe(() => {
  const actions = document.querySelector(".question-actions");
  if (actions) {
    setUpMarks(actions);
    setUpSheetButton(actions.querySelector(".question-sheet"), pathOf(location.href), "");
  }
  for (const button of document.querySelectorAll(".topic-question .question-sheet")) {
    const link = button.closest(".topic-question").querySelector("a");
    setUpSheetButton(button, pathOf(link.href), link.textContent);
  }
  const topicControls = document.querySelector(".topic-controls");
  if (topicControls) setUpTopicPage(topicControls, document.querySelector(".topic-questions"));
  for (const container of document.querySelectorAll(".random-question[data-scope='site']")) setUpRandomQuestion(container, "");
  const sheet = document.getElementById("interview-sheet");
  if (sheet) setUpSheet(sheet);
});
