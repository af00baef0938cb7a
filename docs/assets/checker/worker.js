// The checker engine in a module Web Worker: Pyodide (served from this site) runs the same Python
// package the tests check, on the same bundle. Messages carry answers in and HTML out; nothing is
// fetched after start-up, and everything fetched comes from this origin. The `?v=` of this script's own
// URL (the build's version) is passed on, so a new build never meets an old engine or bundle in a cache.
const HERE = import.meta.url;
const VERSION = new URL(HERE).searchParams.get("v") || "";
const versioned = (name) => new URL(name + (VERSION ? `?v=${VERSION}` : ""), HERE);
let session = null;
let latest = null;   // the newest answers not yet evaluated; older ones are dropped
let busy = false;

function fetchOk(name, as) {
  return fetch(versioned(name)).then((response) => {
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    return as === "text" ? response.text() : response.arrayBuffer();
  });
}

async function boot() {
  const started = performance.now();
  if (typeof WebAssembly !== "object") throw new Error("WebAssembly недоступен в этом браузере");
  const { loadPyodide } = await import(new URL("../pyodide/pyodide.mjs", HERE).href);
  const [pyodide, engine, bundle] = await Promise.all([
    loadPyodide({ indexURL: new URL("../pyodide/", HERE).href, stdout: () => {}, stderr: () => {} }),
    fetchOk("engine.zip", "bytes"),
    fetchOk("bundle.json", "text"),
  ]);
  pyodide.unpackArchive(engine, "zip", { extractDir: "/home/pyodide/app" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/app')");
  session = pyodide.pyimport("checker.browser").Session(bundle);
  postMessage({ type: "ready", ms: Math.round(performance.now() - started) });
  pump();
}

const round = (ms) => Math.round(ms * 100) / 100;

function run(job, whatIf) {
  const started = performance.now();
  const text = session.evaluate(JSON.stringify(job.answers), whatIf);
  const ms = round(performance.now() - started);
  postMessage({ type: "result", seq: job.seq, phase: whatIf ? "what_if" : "main", payload: JSON.parse(text), ms });
  return text;
}

function pump() {
  if (!session || busy || !latest) return;
  const job = latest;
  latest = null;
  busy = true;
  let ok = false;
  try {
    ok = JSON.parse(run(job, false)).ok;
  } catch (error) {
    postMessage({ type: "error", seq: job.seq, message: String(error) });
  }
  // The nearest changes take longer: compute them only if no newer answer is waiting.
  setTimeout(() => {
    try {
      if (ok && !latest) run(job, true);
    } catch (error) {
      postMessage({ type: "error", seq: job.seq, message: String(error) });
    }
    busy = false;
    pump();
  }, 0);
}

const waiting = [];   // compare and batch requests that came before the engine was ready

function other(data) {
  if (!session) return waiting.push(data);
  try {
    if (data.type === "compare") {
      postMessage({ type: "compare", id: data.id, payload: JSON.parse(session.compare(JSON.stringify(data.answers))) });
    } else if (data.type === "batch") {
      const started = performance.now();
      const rows = session.batch(JSON.stringify(data.cases));
      postMessage({ type: "batch", id: data.id, rows, ms: round(performance.now() - started) });
    }
  } catch (error) {
    postMessage({ type: "error", id: data.id, message: String(error) });
  }
}

onmessage = ({ data }) => {
  if (data.type === "evaluate") {
    latest = data;
    pump();
  } else {
    other(data);
  }
};

boot().then(() => waiting.splice(0).forEach(other))
  .catch((error) => postMessage({ type: "failed", message: String(error && error.message || error) }));
