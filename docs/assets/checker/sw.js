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

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(
    // The page itself is revalidated; versioned files and the pinned runtime may come from the HTTP cache.
    FILES.map((path) => new Request(new URL(path, self.location), { cache: path === "checker/" ? "no-cache" : "default" })),
  )).then(() => self.skipWaiting()));
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
