// The participant page's front end: connect to the kernel Voilà started for this page,
// fetch every widget's state in one request, and draw each widget where the server-rendered
// page holds its placeholder. Nothing of JupyterLab's application shell is loaded.
import "./page.css";
import "../../pleegzorg_lib/server/share/voila/templates/pleegzorg/static/pleegzorg.js";

import { KernelConnection } from "@jupyterlab/services/lib/kernel/default";
import { ServerConnection } from "@jupyterlab/services/lib/serverconnection";

import { watchConnection } from "./connection";
import { addDevicePanel, stripSecrets, watchCode } from "./device";
import { restoreDrafts } from "./drafts";
import { PageWidgetManager } from "./manager";

function pageData() {
  const node = document.getElementById("pz-page");
  return node ? JSON.parse(node.textContent) : null;
}

function xsrfToken() {
  const match = document.cookie.match("\\b_xsrf=([^;]*)\\b");
  return match ? match[1] : "";
}

/** The page's token for its kernel (server/ownership.py): every request for the kernel —
 * its WebSocket, its REST calls, the shutdown on leaving — carries it, or the server refuses. */
function withToken(url, token) {
  const address = new URL(url, location.href);
  address.searchParams.set("pz_page", token);
  return address.toString();
}

function pageSettings(baseUrl, wsUrl, token) {
  class PageSocket extends WebSocket {
    constructor(url, protocols) {
      super(withToken(url, token), protocols);
    }
  }
  const pageFetch = (input, init) =>
    typeof input === "string"
      ? fetch(withToken(input, token), init)
      : fetch(new Request(withToken(input.url, token), input), init);
  return ServerConnection.makeSettings({
    baseUrl,
    wsUrl,
    appendToken: false,
    WebSocket: PageSocket,
    fetch: pageFetch,
  });
}

/** Give the kernel back when the page goes (Voilà's shutdown endpoint, with _xsrf). */
function shutdownOnLeave(baseUrl, kernel, token) {
  let sent = false;
  const leave = () => {
    if (sent) {
      return;
    }
    sent = true;
    const data = new FormData();
    data.append("_xsrf", xsrfToken());
    data.append("pz_page", token);
    navigator.sendBeacon(`${baseUrl}voila/api/shutdown/${kernel.id}`, data);
    kernel.dispose();
  };
  // beforeunload for desktop browsers and Playwright's close(run_before_unload); pagehide
  // for phones, where beforeunload often never fires.
  window.addEventListener("beforeunload", leave);
  window.addEventListener("pagehide", leave);
  // Back to a page the browser kept in its cache: its kernel was given back, so load it anew
  // (the server finds the resume code in its cookie).
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      location.reload();
    }
  });
}

/** Once the kernel's header is drawn, it takes the place of the server-rendered one. A box
 * draws its children after it is attached, so watch the page rather than the render calls. */
function replacePrerenderedHeader() {
  const done = () => {
    if (!document.querySelector(".pz-header[data-lang]")) {
      return false;
    }
    document.querySelectorAll(".pz-prerender").forEach((node) => node.remove());
    return true;
  };
  if (done()) {
    return;
  }
  const observer = new MutationObserver(() => {
    if (done()) {
      observer.disconnect();
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
}

async function start() {
  stripSecrets();
  const data = pageData();
  if (!data || !data.kernelId) {
    return;
  }
  // The page's texts come in both languages; the page's language is known only once the
  // kernel has its request (pleegzorg.js keeps <html lang> up to date), so choose late.
  const catalogs = data.messages || {};
  const text = (key) => {
    const lang = document.documentElement.lang;
    return ((catalogs[lang] || catalogs.nl || {})[key]) || "";
  };
  const baseUrl = data.baseUrl;
  const wsUrl = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}${baseUrl}`;
  const token = data.pageToken || "";
  const serverSettings = pageSettings(baseUrl, wsUrl, token);
  const kernel = new KernelConnection({
    model: { id: data.kernelId, name: "python3" },
    serverSettings,
  });
  shutdownOnLeave(baseUrl, kernel, token);
  watchConnection(kernel, text);

  replacePrerenderedHeader();
  const manager = new PageWidgetManager(kernel);
  window.pzWidgetManager = manager; // for tests and the browser's console
  // Marks for benchmarks/page_ready.py's breakdown of where a visit's time goes.
  performance.mark("pz:start");
  kernel.info.then(() => performance.mark("pz:kernel-info"));
  await manager.loadFromKernel();
  performance.mark("pz:states");
  const slots = Array.from(document.querySelectorAll(".pz-widget[data-model-id]"));
  await Promise.all(
    slots.map(async (slot) => {
      try {
        await manager.render(slot.getAttribute("data-model-id"), slot);
      } catch (error) {
        slot.classList.add("pz-widget-failed");
        console.error("widget", slot.getAttribute("data-model-id"), error);
      }
    }),
  );
  performance.mark("pz:views");
  document.body.classList.add("pz-ready");
  restoreDrafts(text);
  addDevicePanel(text);
  watchCode();
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
