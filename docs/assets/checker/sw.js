// Offline copy of the checker page (template: the build writes sw.js into the site's root with VERSION and
// FILES filled in; see checker/build/site/assets.py). Its scope is the whole site so that it also serves
// the engine's Web Worker, but it answers only for the files it lists and the checker page. Same origin only; it caches files of the site, never answers,
// which never leave the page. VERSION changes whenever any cached file changes, so a new build installs
// a new worker, which fetches fresh copies and deletes the old cache.
const VERSION = "dev";
const FILES = [];
const CACHE = `checker-${VERSION}`;
const URLS = new Set(FILES.map((path) => new URL(path, self.location).href));
const PAGE = new URL("checker/", self.location).href;

// The engine's memory snapshot only speeds up later visits: not downloaded when the browser asks to save data.
const WANTED = FILES.filter((path) => !(path.includes("snapshot.bin.gz") && self.navigator.connection?.saveData));

const request = (path) => new Request(new URL(path, self.location), { cache: path === "checker/" ? "no-cache" : "default" });

// The snapshot is stored inflated: reading 30 MB from the cache is quicker than inflating 6 MB at every start.
async function putInflated(cache, path) {
  const response = await fetch(request(path));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const body = await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  await cache.put(request(path), new Response(body, { headers: { "Content-Type": "application/octet-stream" } }));
}

self.addEventListener("install", (event) => {
  const snapshot = WANTED.filter((path) => path.includes("snapshot.bin.gz") && typeof DecompressionStream === "function");
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all([
    // The page itself is revalidated; versioned files and the pinned runtime may come from the HTTP cache.
    cache.addAll(WANTED.filter((path) => !snapshot.includes(path)).map(request)),
    ...snapshot.map((path) => putInflated(cache, path)),
  ])).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith("checker-") && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  const url = request.url.split("#")[0];
  if (request.mode === "navigate" && url.split("?")[0] === PAGE) {
    // The page: fresh when online (a new build shows at once), the cached copy when offline.
    event.respondWith(fetch(request).catch(() => caches.open(CACHE).then((c) => c.match(PAGE)))
      .then((response) => response || Response.error()));
  } else if (URLS.has(url)) {
    // Versioned scripts, engine, bundle and the pinned runtime: from the cache, which this version filled.
    event.respondWith(caches.open(CACHE).then((c) => c.match(url)).then((hit) => hit || fetch(request)));
  }
});
