// A stand-in for Material's search worker. Material starts its worker (12 KiB of lunr and glue,
// which then indexes every page) as each page loads, so every reader paid for search whether they
// searched or not. This stand-in takes the index, answers "ready" at once, and loads the real
// worker (named in ?real=, relative to the site root) only when the reader first searches; the
// queries typed meanwhile wait for the real worker to finish indexing, then run in order.
// Material's messages: {type: 0, data} sets up, {type: 1} is ready, {type: 2, data} is a query and
// {type: 3, data} its result. Material sends an empty query as soon as search is ready; the empty
// result the stand-in gives it is the one the real worker gives for a query it cannot parse.
const REAL_WORKER = new URL(new URL(location.href).searchParams.get("real"), new URL("..", location.href));
const postToPage = self.postMessage.bind(self);
const waiting = [];
let setup;
let realHandler;
let indexed = false;

function loadRealWorker() {
  // Catch the listener the real worker registers, and its "ready", instead of letting them through.
  self.addEventListener = (type, handler) => {
    if (type === "message") realHandler = handler;
  };
  self.postMessage = (message) => {
    if (message.type !== 1) return postToPage(message);
    indexed = true;
    for (const query of waiting.splice(0)) realHandler({ data: query });
  };
  importScripts(REAL_WORKER.href);
  realHandler({ data: setup });
}

self.onmessage = ({ data }) => {
  if (data.type === 0) {
    setup = data;
    postToPage({ type: 1 });
  } else if (!indexed && !data.data.trim()) {
    postToPage({ type: 3, data: { items: [] } });
  } else if (indexed) {
    realHandler({ data });
  } else {
    waiting.push(data);
    if (!realHandler) loadRealWorker();
  }
};
