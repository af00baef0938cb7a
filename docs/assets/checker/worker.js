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

// The engine as saved at build time (checker/build/site/snapshot.py), only if the offline copy already
// holds it — never fetched here, so a first visit downloads nothing extra before the engine is ready.
// Looking it up is quick; reading its 30 MB is not, so that is left to `snapshotBytes`, which runs while
// Pyodide fetches and compiles its own files.
async function cachedSnapshot() {
  if (typeof caches !== "object" || typeof DecompressionStream !== "function") return null;
  const hit = await caches.match(versioned("snapshot.bin.gz").href).catch(() => null);
  return hit && hit.ok ? hit : null;
}

async function snapshotBytes(hit) {
  const bytes = new Uint8Array(await hit.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;     // stored inflated by the service worker
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
}

async function boot() {
  // Where start-up time goes (ms since this worker started; `origin` is its start on the page's clock):
  // the benchmark reads them from the result region's data-boot-phases.
  const phases = { origin: Math.round(performance.timeOrigin), start: "normal" };
  const mark = (name) => { phases[name] = Math.round(performance.now()); };
  if (typeof WebAssembly !== "object") throw new Error("WebAssembly недоступен в этом браузере");
  const [{ loadPyodide }, saved] = await Promise.all([
    import(new URL("../pyodide/pyodide.mjs", HERE).href), cachedSnapshot().catch(() => null)]);
  mark("loader");
  const indexURL = new URL("../pyodide/", HERE).href;
  const quiet = { stdout: () => {}, stderr: () => {} };
  if (saved) {
    try {
      // a promise: loadPyodide awaits it only once its own files are on their way
      const bytes = snapshotBytes(saved);
      bytes.catch(() => {});           // a failed read is handled below, as a failed restore
      const pyodide = await loadPyodide({ indexURL, ...quiet, _loadSnapshot: bytes });
      session = pyodide.globals.get("SESSION");
      if (!session) throw new Error("the snapshot holds no SESSION");
      phases.start = "snapshot";
      mark("pyodide");
      mark("bundle");
    } catch (error) {
      session = null;              // a snapshot that does not fit this runtime: start the normal way
      phases.snapshot_error = String(error && error.message || error).slice(0, 200);
    }
  }
  if (!session) {
    const files = Promise.all([fetchOk("engine.zip", "bytes"), fetchOk("bundle.json", "bytes")])
      .then((got) => { mark("files"); return got; });
    const pyodide = await loadPyodide({ indexURL, ...quiet });
    mark("pyodide");
    const [engine, bundle] = await files;
    pyodide.unpackArchive(engine, "zip", { extractDir: "/home/pyodide/app" });
    // the bundle's bytes go in as a file: quicker than turning a 1 MB JavaScript string into Python's
    pyodide.FS.writeFile("/home/pyodide/bundle.json", new Uint8Array(bundle));
    pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/app')");
    const browser = pyodide.pyimport("checker.browser");
    mark("engine");
    session = browser.Session.callKwargs({ path: "/home/pyodide/bundle.json" });
    pyodide.FS.unlink("/home/pyodide/bundle.json");     // read: its 1 MB need not stay in memory
    mark("bundle");
  }
  postMessage({ type: "ready", ms: phases.bundle, phases });
  if (phases.start === "snapshot") warmStep = -1;    // the snapshot was taken with the caches filled
  pump();
}

// Until then, while nobody is answering, the caches of texts and links are filled a step (one document
// and role, a few ms) at a time, so that early answers are as quick as later ones.
let warmStep = 0;
let warming = null;
function warm() {
  warming = null;
  if (!session || busy || latest || warmStep < 0) return;
  try {
    warmStep = session.warm_up(warmStep) ? warmStep + 1 : -1;
  } catch (error) {
    warmStep = -1;                     // only a speed-up: never in the way of an answer
  }
  idle();
}
function idle() {
  if (warmStep >= 0 && !warming) warming = setTimeout(warm, 30);
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
    idle();
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
