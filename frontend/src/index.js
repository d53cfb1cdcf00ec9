// The participant page's front end: connect to the kernel Voilà started for this page,
// fetch every widget's state in one request, and draw each widget where the server-rendered
// page holds its placeholder. Nothing of JupyterLab's application shell is loaded.
import "./page.css";
import "../../pleegzorg_lib/server/share/voila/templates/pleegzorg/static/pleegzorg.js";

import { KernelConnection } from "@jupyterlab/services/lib/kernel/default";
import { ServerConnection } from "@jupyterlab/services/lib/serverconnection";

import { watchConnection } from "./connection";
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

/** Give the kernel back when the page goes (Voilà's shutdown endpoint, with _xsrf). */
function shutdownOnLeave(baseUrl, kernel) {
  let sent = false;
  const leave = () => {
    if (sent) {
      return;
    }
    sent = true;
    const data = new FormData();
    data.append("_xsrf", xsrfToken());
    navigator.sendBeacon(`${baseUrl}voila/api/shutdown/${kernel.id}`, data);
    kernel.dispose();
  };
  // beforeunload for desktop browsers and Playwright's close(run_before_unload); pagehide
  // for phones, where beforeunload often never fires.
  window.addEventListener("beforeunload", leave);
  window.addEventListener("pagehide", leave);
}

async function start() {
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
  const serverSettings = ServerConnection.makeSettings({ baseUrl, wsUrl, appendToken: false });
  const kernel = new KernelConnection({
    model: { id: data.kernelId, name: "python3" },
    serverSettings,
  });
  shutdownOnLeave(baseUrl, kernel);
  watchConnection(kernel, text);

  const manager = new PageWidgetManager(kernel);
  window.pzWidgetManager = manager; // for tests and the browser's console
  await manager.loadFromKernel();
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
  document.body.classList.add("pz-ready");
  restoreDrafts(text);
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
