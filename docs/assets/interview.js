// Tools for candidates and interviewers, all in the reader's browser: no account, no server.
// - Question pages: "I knew it" / "Review again" marks, kept in localStorage.
// - Topic pages: progress, a difficulty filter, show or hide all short answers, a random question.
// - Any element with class "random-question": a random question, skipping those marked known.
// - The interview-sheet page: pick topics and difficulty, get a printable sheet with a shareable URL.

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

function setUpMarks(toolbar) {
  const path = pathOf(location.href);
  const buttons = [...toolbar.querySelectorAll(".question-mark")];
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

async function setUpSheet(container) {
  const questions = await loadQuestions();
  const topics = [...new Map(questions.map((q) => [q.topic, q.topicTitle])).entries()];
  const params = new URLSearchParams(location.search);
  const chosen = (name, all) => (params.get(name) ? params.get(name).split(",") : all);
  const checkbox = (group, value, label, checked) =>
    element("label", { class: "sheet-option" }, element("input", { type: "checkbox", name: group, value, ...(checked ? { checked: "" } : {}) }), " ", label);

  const selectedTopics = chosen("topics", topics.map(([slug]) => slug));
  const selectedLevels = chosen("difficulty", DIFFICULTIES);
  const form = element(
    "form",
    { class: "sheet-form" },
    element("fieldset", {}, element("legend", {}, "Topics"), ...topics.map(([slug, title]) => checkbox("topics", slug, title, selectedTopics.includes(slug)))),
    element("fieldset", {}, element("legend", {}, "Difficulty"), ...DIFFICULTIES.map((d) => checkbox("difficulty", d, d, selectedLevels.includes(d)))),
    element("fieldset", {}, element("legend", {}, "Sheet"), checkbox("answers", "1", "Include short answers (interviewer's copy)", params.get("answers") === "1")),
    element("button", { type: "button", class: "md-button md-button--primary", onclick: () => print() }, "Print this sheet"),
  );
  const summary = element("p", { class: "sheet-summary", role: "status" });
  const sheet = element("ol", { class: "sheet-questions" });

  const render = () => {
    const values = (name) => [...form.querySelectorAll(`input[name=${name}]:checked`)].map((input) => input.value);
    const [topicValues, levelValues, withAnswers] = [values("topics"), values("difficulty"), values("answers").length > 0];
    const query = new URLSearchParams({ topics: topicValues.join(","), difficulty: levelValues.join(",") });
    if (withAnswers) query.set("answers", "1");
    history.replaceState(null, "", `${location.pathname}?${query}`);

    const picked = questions.filter((q) => topicValues.includes(q.topic) && levelValues.includes(q.difficulty));
    summary.textContent = `${picked.length} question${picked.length === 1 ? "" : "s"}. Share this sheet with its address; print it for the interview.`;
    sheet.replaceChildren(
      ...picked.map((q) => {
        const item = element(
          "li",
          { class: "sheet-question" },
          element("a", { href: new URL(q.path, SITE_ROOT).href }, q.title),
          element("span", { class: "sheet-question__meta" }, ` ${q.topicTitle} · ${q.difficulty}`),
        );
        if (withAnswers) {
          const answer = element("div", { class: "sheet-question__answer" });
          answer.innerHTML = q.shortAnswer; // built by this site from its own pages
          item.append(answer);
        } else {
          item.append(element("div", { class: "sheet-question__notes", "aria-hidden": "true" }));
        }
        return item;
      }),
    );
  };
  form.addEventListener("change", render);
  container.replaceChildren(form, summary, sheet);
  render();
}

document$.subscribe(() => {
  const toolbar = document.querySelector(".question-toolbar");
  if (toolbar) setUpMarks(toolbar);
  const topicControls = document.querySelector(".topic-controls");
  if (topicControls) setUpTopicPage(topicControls, document.querySelector(".topic-questions"));
  for (const container of document.querySelectorAll(".random-question[data-scope='site']")) setUpRandomQuestion(container, "");
  const sheet = document.getElementById("interview-sheet");
  if (sheet) setUpSheet(sheet);
});
