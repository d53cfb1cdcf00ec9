// What a participant sees when the connection to the server or the kernel is gone: a
// message that says their answers so far are saved, that text typed since stays in its
// field, and a button that reloads the page (the address carries the resume code).
import { keepDrafts } from "./drafts";

const GRACE_MS = 2000; // a short reconnect (phone switching networks) shows nothing

function banner(text) {
  let box = document.querySelector(".pz-offline");
  if (box) {
    return box;
  }
  box = document.createElement("div");
  box.className = "pz-offline";
  box.setAttribute("role", "alert");
  const title = document.createElement("strong");
  title.textContent = text("connectionLost");
  const detail = document.createElement("p");
  detail.textContent = text("connectionLostDetail");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "pz-offline-reload";
  button.textContent = text("reload");
  button.addEventListener("click", () => {
    keepDrafts();
    location.reload();
  });
  box.append(title, detail, button);
  document.body.prepend(box);
  return box;
}

export function watchConnection(kernel, text) {
  let timer = null;
  let lost = false;
  const onInput = () => keepDrafts();

  const show = () => {
    timer = null;
    if (lost) {
      return;
    }
    lost = true;
    keepDrafts();
    document.addEventListener("input", onInput, true);
    banner(text).hidden = false;
    document.body.classList.add("pz-is-offline");
  };
  const hide = () => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    if (!lost) {
      return;
    }
    lost = false;
    document.removeEventListener("input", onInput, true);
    const box = document.querySelector(".pz-offline");
    if (box) {
      box.hidden = true;
    }
    document.body.classList.remove("pz-is-offline");
  };
  const soon = () => {
    if (timer === null && !lost) {
      timer = setTimeout(show, GRACE_MS);
    }
  };

  let wasConnected = false;
  let gone = false; // the kernel died or restarted: its widgets are gone, only a reload helps
  kernel.connectionStatusChanged.connect((_sender, status) => {
    if (status === "connected") {
      wasConnected = true;
      if (!gone) {
        hide();
      }
    } else if (wasConnected && !kernel.isDisposed) {
      soon();
    }
  });
  kernel.statusChanged.connect((_sender, status) => {
    if (status === "dead" || status === "autorestarting" || status === "restarting") {
      gone = true;
      if (timer !== null) {
        clearTimeout(timer);
      }
      timer = null;
      show();
    }
  });
}
