// Stands in for sanitize-html in @jupyter-widgets/base-manager. The manager uses it only for
// descriptions with description_allow_html, which our pages never set; here such a
// description is shown as text (escaped), never as markup. This keeps postcss and
// htmlparser2 (~150 KB) out of the participant's page.
export default function escapeAll(source) {
  return String(source)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
