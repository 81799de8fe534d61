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
});
