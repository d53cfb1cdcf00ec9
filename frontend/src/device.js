// Secrets stay out of the address: the resume code (?code=) and the facilitator key
// (?sleutel=) are taken from the link once by the server, which keeps them in an HttpOnly
// cookie; here the address is replaced with one without them. The code the page shows (a new
// participant's, or one typed in "Verder met mijn code") is handed to the server to keep the
// same way. "Dit apparaat vergeten" removes them from this browser.
const SECRET_PARAMS = ["code", "sleutel"];
const CODE_PATTERN = /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/;

function xsrfToken() {
  const match = document.cookie.match("\\b_xsrf=([^;]*)\\b");
  return match ? match[1] : "";
}

function deviceUrl() {
  // data-base-url is the server's base URL followed by "voila/"
  return `${document.body.dataset.baseUrl || "/voila/"}pleegzorg/device`;
}

async function tell(body) {
  const response = await fetch(deviceUrl(), {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-XSRFToken": xsrfToken() },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`device: ${response.status}`);
  }
}

/** Replace the address with one without secrets (the history entry is replaced too). */
export function stripSecrets() {
  const url = new URL(location.href);
  const found = SECRET_PARAMS.filter((name) => url.searchParams.has(name));
  if (found.length === 0) {
    return;
  }
  found.forEach((name) => url.searchParams.delete(name));
  history.replaceState(history.state, "", url.toString());
}

let remembered = null;
let forgotten = false;

/** A sheet only for young people keeps the code until the browser closes, unless they
 * ticked "Onthoud mij op dit apparaat" (a family laptop: the next person must not find it). */
function browserSessionOnly() {
  if (!document.querySelector(".pz-youth")) {
    return false;
  }
  const box = document.querySelector(".pz-remember-me input[type=checkbox]");
  return !(box && box.checked);
}

/** Keep the server's cookie in step with the code the page shows (every second). */
function syncCode() {
  if (forgotten) {
    return;
  }
  const box = document.querySelector(".pz-resume-code");
  if (!box) {
    return;
  }
  const shown = box.querySelector(".pz-code-value");
  if (!shown) {
    // erased: the old code must not come back with a reload
    if (remembered !== "") {
      remembered = "";
      tell({ forget: true }).catch(() => {
        remembered = null;
      });
    }
    return;
  }
  const code = (shown.textContent || "").trim();
  const session = browserSessionOnly();
  const wanted = `${code}|${session}`;
  if (!CODE_PATTERN.test(code) || wanted === remembered) {
    return;
  }
  remembered = wanted;
  tell(session ? { remember: code, session: true } : { remember: code }).catch(() => {
    remembered = null; // try again on the next round
  });
}

function forgetDrafts() {
  try {
    Object.keys(sessionStorage)
      .filter((key) => key.startsWith("pz-drafts:"))
      .forEach((key) => sessionStorage.removeItem(key));
  } catch (_error) {
    // storage off: nothing kept there either
  }
}

/** Call ``fn`` with the first element matching ``selector`` once the page has one (boxes
 * draw their children after they are attached, so it may come a little later). */
function whenPresent(selector, fn) {
  const found = document.querySelector(selector);
  if (found) {
    fn(found);
    return;
  }
  const observer = new MutationObserver(() => {
    const node = document.querySelector(selector);
    if (node) {
      observer.disconnect();
      fn(node);
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
}

/** The "on a shared device?" hint and the button that makes this browser forget; only on
 * pages that keep something of the visitor's (a resume code, a facilitator's key). */
export function addDevicePanel(text) {
  whenPresent(".pz-resume-code, .pz-live", () => buildDevicePanel(text));
}

function buildDevicePanel(text) {
  if (document.querySelector(".pz-device")) {
    return;
  }
  const panel = document.createElement("section");
  panel.className = "pz-device";
  panel.setAttribute("aria-labelledby", "pz-device-title");
  const title = document.createElement("h2");
  title.id = "pz-device-title";
  title.textContent = text("deviceTitle");
  const hint = document.createElement("p");
  // The facilitator's pages remember a session key, not a resume code: their own text.
  const participant = document.querySelector(".pz-resume-code") !== null;
  const youth = document.querySelector(".pz-youth") !== null;
  hint.textContent = text(
    youth ? "deviceHintYouth" : participant ? "deviceHint" : "deviceHintFacilitator",
  );
  const button = document.createElement("button");
  button.type = "button";
  button.className = "pz-forget-device";
  button.textContent = text("deviceForget");
  const status = document.createElement("p");
  status.className = "pz-device-status";
  status.setAttribute("role", "status");
  button.addEventListener("click", async () => {
    button.disabled = true;
    forgotten = true;
    try {
      await tell({ forget: true });
    } catch (_error) {
      forgotten = false;
      button.disabled = false;
      status.textContent = text("deviceFailed");
      return;
    }
    forgetDrafts();
    // Leave the page: its answers are no longer this browser's. replace(): the way back
    // does not lead here either.
    const home = new URL(document.querySelector(".pz-topbar > a")?.href || "/", location.href);
    home.searchParams.set("vergeten", "1");
    location.replace(home.toString());
  });
  panel.append(title, hint, button, status);
  const main = document.querySelector("main") || document.body;
  if (youth) {
    panel.classList.add("pz-device-top");
    main.prepend(panel); // a young person's sheet: where they see it before anything else
  } else {
    main.appendChild(panel);
  }
}

export function watchCode() {
  // At once when the shown code changes (a code typed in, erased), and every second anyway.
  whenPresent(".pz-remember-me input", (box) => box.addEventListener("change", syncCode));
  whenPresent(".pz-resume-code", (box) => {
    syncCode();
    new MutationObserver(syncCode).observe(box, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  });
  window.setInterval(syncCode, 1000);
}
