// Links we print relative to the page: show them as the full address to copy. (The resume
// code is kept by the server in a cookie, never in the address: frontend/src/device.js.)
(function () {
  "use strict";
  function absolutize() {
    document.querySelectorAll("a.pz-abs-link").forEach(function (a) {
      if (a.textContent !== a.href) { a.textContent = a.href; }
    });
  }
  window.setInterval(absolutize, 1000);
})();

// The page's language (?taal=en): the kernel writes it on the header (data-lang); the page
// takes it over for <html lang> and the top bar. Content (notebook prose) stays Dutch and is
// marked so. The language switch keeps every other parameter (sessie) of the address.
(function () {
  "use strict";
  function language() {
    var header = document.querySelector(".pz-header[data-lang]");
    if (!header) { return; }
    var lang = header.getAttribute("data-lang");
    if (document.documentElement.lang !== lang) { document.documentElement.lang = lang; }
    var title = header.getAttribute("data-site-title");
    var top = document.querySelector(".pz-topbar > a");
    if (top && title && top.textContent !== title) { top.textContent = title; }
    if (lang !== "nl") {
      document.querySelectorAll(".jp-RenderedMarkdown:not([lang])").forEach(function (el) {
        el.setAttribute("lang", "nl");
      });
    }
    var url = new URL(window.location.href);
    if (top) {
      var home = new URL(top.href, window.location.href);
      var keep = url.searchParams.get("taal");
      if (keep && home.searchParams.get("taal") !== keep) {
        home.searchParams.set("taal", keep);
        top.href = home.toString();
      }
    }
    document.querySelectorAll("a.pz-lang-switch[data-lang]").forEach(function (a) {
      var target = new URL(window.location.href);
      target.searchParams.set("taal", a.getAttribute("data-lang"));
      if (a.href !== target.toString()) { a.href = target.toString(); }
    });
  }
  // Until the kernel's header is there, the address says which language was asked for; our
  // pages are Dutch otherwise (Voilà's own template says "en").
  var asked = new URL(window.location.href).searchParams.get("taal");
  document.documentElement.lang = asked === "en" || asked === "nl" ? asked : "nl";
  document.addEventListener("DOMContentLoaded", language);
  window.setInterval(language, 500);
})();

// ==== accessibility (issue #8 part 5) — begin ====
// ipywidgets draws a control and the text that labels it as separate widgets: a field's
// label is an HTML widget (class pz-label) beside the control, a question's prompt sits
// above its answer. Tie them together for screen readers (aria-labelledby, the text stays
// as it is shown), give each set of radio buttons one name (the arrow keys move within it,
// Tab leaves it), say which button of the 0–10 scale is chosen (aria-pressed), name the
// ranking's arrow buttons after the item they move and announce "opgeslagen" and errors.
// Widgets are drawn and redrawn at any time: a MutationObserver keeps this up to date.
(function () {
  "use strict";
  var counter = 0;
  function idFor(el) {
    if (!el.id) { counter += 1; el.id = "pz-a11y-" + counter; }
    return el.id;
  }
  function hasName(control) {
    if (control.hasAttribute("aria-label") || control.hasAttribute("aria-labelledby")) {
      return true;
    }
    return Array.prototype.some.call(control.labels || [], function (label) {
      return label.textContent.trim() !== "";
    });
  }
  function labelBy(control, text) {
    if (!hasName(control)) { control.setAttribute("aria-labelledby", idFor(text)); }
  }
  function set(el, name, value) {
    if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
  }
  function pzAccessibility() {
    // A field: a label (pz-label) and the controls it names; the resume code's box too.
    document.querySelectorAll(".pz-field, .pz-resume").forEach(function (field) {
      var text = field.querySelector(".pz-label");
      if (!text) { return; }
      field.querySelectorAll("input, select, textarea").forEach(function (control) {
        labelBy(control, text);
      });
      field.querySelectorAll(".widget-toggle-buttons").forEach(function (group) {
        set(group, "role", "group");
        set(group, "aria-labelledby", idFor(text));
      });
    });
    document.querySelectorAll(".pz-question").forEach(function (question) {
      var prompt = question.querySelector(".pz-prompt");
      if (!prompt) { return; }
      set(question, "role", "group");
      set(question, "aria-labelledby", idFor(prompt));
      question.querySelectorAll("textarea, input[type=text], select").forEach(function (control) {
        labelBy(control, prompt);
      });
    });
    document.querySelectorAll(".widget-radio-box").forEach(function (box) {
      var radios = box.querySelectorAll("input[type=radio]");
      if (!radios.length) { return; }
      var name = radios[0].name || ("pz-radio-" + idFor(box));
      radios.forEach(function (radio) { if (radio.name !== name) { radio.name = name; } });
    });
    document.querySelectorAll(".widget-toggle-buttons button").forEach(function (button) {
      set(button, "aria-pressed", button.classList.contains("mod-active") ? "true" : "false");
    });
    document.querySelectorAll(".pz-rank-row").forEach(function (row) {
      var item = row.querySelector(".pz-rank-item");
      if (!item) { return; }
      row.querySelectorAll("button[title]").forEach(function (button) {
        set(button, "aria-label", button.title + ": " + item.textContent.trim());
      });
    });
    document.querySelectorAll(".pz-status").forEach(function (status) {
      set(status, "role", "status");
    });
  }
  pzAccessibility();
  new MutationObserver(pzAccessibility).observe(document.body, {
    childList: true, subtree: true, characterData: true,
    attributes: true, attributeFilter: ["class"]
  });
})();
// ==== accessibility — end ====
