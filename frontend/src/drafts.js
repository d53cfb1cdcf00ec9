// Text typed while the connection was gone has not reached the store. It stays in its field,
// and a copy waits in this tab's sessionStorage: after a reload (with the resume code in the
// address) it is put back in the same question's field and saved like any edit.
const KEY = "pz-drafts:" + location.pathname;

function fields() {
  const found = [];
  document.querySelectorAll(".pz-question").forEach((question) => {
    const qid = Array.from(question.classList).find((c) => c.startsWith("pz-q-"));
    if (!qid) {
      return;
    }
    question.querySelectorAll("textarea, input[type=text]").forEach((field, index) => {
      found.push({ key: `${qid}:${index}`, field });
    });
  });
  return found;
}

/** Remember what every text field holds now (called while the connection is gone). */
export function keepDrafts() {
  const drafts = {};
  for (const { key, field } of fields()) {
    if (field.value.trim() !== "") {
      drafts[key] = field.value;
    }
  }
  try {
    sessionStorage.setItem(KEY, JSON.stringify(drafts));
  } catch (_error) {
    // storage full or refused (private mode): the text is still in the field
  }
}

function setValue(field, value) {
  field.value = value;
  // ipywidgets' text views listen to these: the kernel gets the value and autosaves it.
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.dispatchEvent(new Event("change", { bubbles: true }));
  field.dispatchEvent(new Event("blur"));
}

const WAIT_MS = 15000; // questions are drawn a moment after their page's boxes

/** After a reload: put back text the store did not have yet, then forget the copy. */
export function restoreDrafts(text) {
  let drafts;
  try {
    drafts = JSON.parse(sessionStorage.getItem(KEY) || "null");
  } catch (_error) {
    return;
  }
  if (!drafts || Object.keys(drafts).length === 0) {
    return;
  }
  const started = Date.now();
  const attempt = () => {
    const present = new Set(fields().map(({ key }) => key));
    const waiting = Object.keys(drafts).some((key) => !present.has(key));
    if (waiting && Date.now() - started < WAIT_MS) {
      setTimeout(attempt, 200);
      return;
    }
    try {
      sessionStorage.removeItem(KEY);
    } catch (_error) {
      // nothing to forget
    }
    putBack(drafts, text);
  };
  attempt();
}

function putBack(drafts, text) {
  let restored = 0;
  for (const { key, field } of fields()) {
    const draft = drafts[key];
    if (draft !== undefined && field.value !== draft && !field.disabled) {
      setValue(field, draft);
      restored += 1;
    }
  }
  if (restored > 0) {
    const note = document.createElement("div");
    note.className = "pz-drafts-restored";
    note.setAttribute("role", "status");
    note.textContent = text("draftsRestored");
    document.body.prepend(note);
    setTimeout(() => note.remove(), 8000);
  }
}
