// Keep the participant's resume code in the address bar, so a reload (or a bookmark)
// brings the same answers back. Only the code shown on the page is used: never typed text.
(function () {
  "use strict";
  function sync() {
    var box = document.querySelector(".pz-resume-code");
    var el = document.querySelector(".pz-resume-code .pz-code-value");
    if (box && !el) {  // erased: the old code must not come back with a reload
      var bare = new URL(window.location.href);
      if (bare.searchParams.has("code")) {
        bare.searchParams.delete("code");
        window.history.replaceState(null, "", bare.toString());
      }
      return;
    }
    if (!el) { return; }
    var code = (el.textContent || "").trim();
    if (!/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(code)) { return; }
    var url = new URL(window.location.href);
    if (url.searchParams.get("code") !== code) {
      url.searchParams.set("code", code);
      window.history.replaceState(null, "", url.toString());
    }
  }
  // Links we print relative to the page: show them as the full address to copy.
  function absolutize() {
    document.querySelectorAll("a.pz-abs-link").forEach(function (a) {
      if (a.textContent !== a.href) { a.textContent = a.href; }
    });
  }
  window.setInterval(function () { sync(); absolutize(); }, 1000);
})();
